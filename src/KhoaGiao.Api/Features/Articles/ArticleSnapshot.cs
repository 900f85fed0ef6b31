namespace KhoaGiao.Api.Features.Articles;

/// <summary>An article's whole content at one revision, stored as JSON with the revision.</summary>
[OpenApi.SentWhole]
public sealed class ArticleSnapshot
{
    public string Title { get; set; } = "";

    public string Slug { get; set; } = "";

    public string? Summary { get; set; }

    public string Body { get; set; } = "";

    public string? CoverImageUrl { get; set; }

    public Guid? CoverImageId { get; set; }

    public string? Category { get; set; }

    [OpenApi.Longest(Taxonomy.TagConfiguration.NameMaxLength), OpenApi.MostItems(ArticleRequestValidator.MaxTags)]
    public List<string> Tags { get; set; } = [];

    [OpenApi.Longest(ArticleConfiguration.SourceNameMaxLength)]
    public string? SourceName { get; set; }

    [OpenApi.Longest(ArticleConfiguration.UrlMaxLength)]
    public string? SourceUrl { get; set; }

    [OpenApi.Longest(ArticleConfiguration.ExternalIdMaxLength)]
    public string? SourceExternalId { get; set; }

    public Guid? EventId { get; set; }

    public ArticleStatus Status { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public bool Featured { get; set; }

    public DateTimeOffset? FeaturedUntil { get; set; }

    public int? FeaturedOrder { get; set; }

    /// <summary>The content of a loaded article (its category and tags included).</summary>
    public static ArticleSnapshot Of(Article article) => new()
    {
        Title = article.Title,
        Slug = article.Slug,
        Summary = article.Summary,
        Body = article.Body,
        CoverImageUrl = article.CoverImageUrl,
        CoverImageId = article.CoverImageId,
        Category = article.Category?.Name,
        Tags = article.Tags.Select(t => t.Name).Order(StringComparer.Ordinal).ToList(),
        SourceName = article.Source.Name,
        SourceUrl = article.Source.Url,
        SourceExternalId = article.Source.ExternalId,
        EventId = article.EventId,
        Status = article.Status,
        PublishedAt = article.PublishedAt,
        Featured = article.Featured,
        FeaturedUntil = article.FeaturedUntil,
        FeaturedOrder = article.FeaturedOrder,
    };

    /// <summary>The names a revision's <c>changedFields</c> may hold (camelCase, as in the API).</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
        ["title", "slug", "summary", "body", "coverImageUrl", "coverImageId", "category", "tags", "source", "eventId", "status", "publishedAt", "featured"];

    /// <summary>The names of the fields that differ from <paramref name="before"/>, from <see cref="FieldNames"/>.</summary>
    public List<string> ChangedFrom(ArticleSnapshot? before)
    {
        bool[] changed =
        [
            before?.Title != Title,
            before?.Slug != Slug,
            before?.Summary != Summary,
            before?.Body != Body,
            before?.CoverImageUrl != CoverImageUrl,
            before?.CoverImageId != CoverImageId,
            before?.Category != Category,
            before is null || !before.Tags.SequenceEqual(Tags),
            before?.SourceName != SourceName || before?.SourceUrl != SourceUrl || before?.SourceExternalId != SourceExternalId,
            before?.EventId != EventId,
            before?.Status != Status,
            before?.PublishedAt != PublishedAt,
            before?.Featured != Featured || before?.FeaturedUntil != FeaturedUntil || before?.FeaturedOrder != FeaturedOrder,
        ];
        return [.. FieldNames.Where((_, i) => changed[i])];
    }
}
