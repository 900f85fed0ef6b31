namespace KhoaGiao.Api.Features.Articles;

/// <summary>Where an article came from ("nguồn"), e.g. Báo Hà Nam, with the id it has there.</summary>
public sealed class ArticleSource
{
    public string? Name { get; set; }

    public string? Url { get; set; }

    public string? ExternalId { get; set; }
}
