namespace KhoaGiao.Api.Features.Articles;

/// <summary>An article's whole content at one revision, stored as JSON with the revision.</summary>
public sealed class ArticleSnapshot
{
    public string Title { get; set; } = "";

    public string Slug { get; set; } = "";

    public string? Summary { get; set; }

    public string Body { get; set; } = "";

    public string? CoverImageUrl { get; set; }

    public string? Category { get; set; }

    public List<string> Tags { get; set; } = [];

    public string? SourceName { get; set; }

    public string? SourceUrl { get; set; }

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

    /// <summary>The names (camelCase, as in the API) of the fields that differ from <paramref name="before"/>.</summary>
    public List<string> ChangedFrom(ArticleSnapshot? before)
    {
        var fields = new List<(string Name, bool Changed)>
        {
            ("title", before?.Title != Title),
            ("slug", before?.Slug != Slug),
            ("summary", before?.Summary != Summary),
            ("body", before?.Body != Body),
            ("coverImageUrl", before?.CoverImageUrl != CoverImageUrl),
            ("category", before?.Category != Category),
            ("tags", before is null || !before.Tags.SequenceEqual(Tags)),
            ("source", before?.SourceName != SourceName || before?.SourceUrl != SourceUrl || before?.SourceExternalId != SourceExternalId),
            ("eventId", before?.EventId != EventId),
            ("status", before?.Status != Status),
            ("publishedAt", before?.PublishedAt != PublishedAt),
            ("featured", before?.Featured != Featured || before?.FeaturedUntil != FeaturedUntil || before?.FeaturedOrder != FeaturedOrder),
        };
        return fields.Where(f => f.Changed).Select(f => f.Name).ToList();
    }
}
