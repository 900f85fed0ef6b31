namespace KhoaGiao.Api.Features.Articles;

/// <summary>A slug an article used to have; the delivery API answers it with a 301 to the current one.</summary>
public sealed class ArticleSlugRedirect
{
    public required string Slug { get; init; }

    public Guid ArticleId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
