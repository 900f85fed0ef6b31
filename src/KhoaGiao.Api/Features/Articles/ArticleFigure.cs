namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// A photo of the media library shown in an article's body (<c>&lt;figure data-media-id="…"&gt;</c>): kept in step with
/// the body on every save, so that a photo in use cannot be deleted and a caption's change reaches the articles.
/// </summary>
public sealed class ArticleFigure
{
    public Guid ArticleId { get; init; }

    public Guid MediaId { get; init; }
}
