namespace KhoaGiao.Api.Data;

/// <summary>
/// The namespaces of the PostgreSQL advisory locks the service takes, as the first key of the two-key
/// <c>pg_advisory_xact_lock(int, int)</c>, in one list so that no two uses ever share one. The second key is a hash
/// of what is locked; a collision only makes two unrelated writers queue.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>An article's source identity (folded source name and external id), taken before looking it up.</summary>
    public const int ArticleSource = 0x4B470001;

    /// <summary>A slug derived from a title, taken before looking for the first free variant.</summary>
    public const int ArticleSlug = 0x4B470002;
}
