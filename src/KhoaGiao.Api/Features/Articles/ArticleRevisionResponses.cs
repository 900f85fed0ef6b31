namespace KhoaGiao.Api.Features.Articles;

/// <summary>One revision in an article's history.</summary>
public record ArticleRevisionSummaryResponse
{
    /// <example>3</example>
    public int Number { get; init; }

    /// <example>2026-11-30T09:00:00+00:00</example>
    public DateTimeOffset CreatedAt { get; init; }

    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d91</example>
    public string? ActorId { get; init; }

    /// <example>bientap@khoagiao.hanam.gov.vn</example>
    public string? ActorName { get; init; }

    /// <example>updated</example>
    public required string Action { get; init; }

    /// <example>["title", "body"]</example>
    [OpenApi.ValuesFrom(typeof(ArticleSnapshot), nameof(ArticleSnapshot.FieldNames))]
    public IReadOnlyList<string> ChangedFields { get; init; } = [];

    /// <example>null</example>
    public string? Reason { get; init; }
}

/// <summary>One revision with the article's whole content after it.</summary>
public sealed record ArticleRevisionResponse : ArticleRevisionSummaryResponse
{
    public required ArticleSnapshot Content { get; init; }
}
