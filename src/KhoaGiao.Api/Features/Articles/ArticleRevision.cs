namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// One change to an article ("phiên bản"): who made it, when, which fields changed, and the whole content after it;
/// the content before it is the previous revision's.
/// </summary>
public sealed class ArticleRevision
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ArticleId { get; init; }

    /// <summary>1 for the creation, then one more per change.</summary>
    public int Number { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? ActorId { get; init; }

    public string? ActorName { get; init; }

    /// <summary><c>created</c>, <c>updated</c>, <c>submitted</c>, <c>published</c>, <c>scheduled</c>, <c>restored</c>…</summary>
    public required string Action { get; init; }

    public List<string> ChangedFields { get; init; } = [];

    /// <summary>Why, when the action takes a reason (reject, unpublish, restore).</summary>
    public string? Reason { get; init; }

    public required ArticleSnapshot Content { get; init; }
}
