namespace KhoaGiao.Api.Features.Articles;

/// <summary>The one rule for what anonymous readers may see: published, and due.</summary>
public static class ArticleVisibility
{
    public static IQueryable<Article> WhereVisibleAt(this IQueryable<Article> articles, DateTimeOffset now) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now);
}
