namespace KhoaGiao.Api.Features.Counters;

/// <summary>
/// An article's all-time views ("Lượt xem"). Kept apart from the article row so that counting views never
/// changes the article's row version: an editor's <c>If-Match</c> stays valid while readers read.
/// </summary>
public sealed class ArticleViewTotal
{
    public Guid ArticleId { get; init; }

    public long Views { get; set; }
}
