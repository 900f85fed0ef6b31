namespace KhoaGiao.Api.Features.Articles;

/// <summary>The one rule for what anonymous readers may see (published, and due), and for what the slider shows.</summary>
public static class ArticleVisibility
{
    public static IQueryable<Article> WhereVisibleAt(this IQueryable<Article> articles, DateTimeOffset now) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now);

    /// <summary>Featured, and not past its <c>featuredUntil</c>; <paramref name="featured"/> false keeps the others.</summary>
    public static IQueryable<Article> WhereFeaturedAt(this IQueryable<Article> articles, DateTimeOffset now, bool featured = true) =>
        articles.Where(a => (a.Featured && (a.FeaturedUntil == null || a.FeaturedUntil > now)) == featured);
}
