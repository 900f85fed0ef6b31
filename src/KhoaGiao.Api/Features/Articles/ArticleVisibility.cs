using System.Linq.Expressions;
using KhoaGiao.Api.Data;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>The one rule for what anonymous readers may see (published, and due), and for what the slider shows.</summary>
public static class ArticleVisibility
{
    /// <summary>Published, and its publication time has come: written once, used in queries and on rows already read.</summary>
    private static readonly Expression<Func<ArticleStatus, DateTimeOffset?, DateTimeOffset, bool>> VisibleRule =
        (status, publishedAt, now) => status == ArticleStatus.Published && publishedAt <= now;

    private static readonly Func<ArticleStatus, DateTimeOffset?, DateTimeOffset, bool> IsVisible = VisibleRule.Compile();

    public static IQueryable<Article> WhereVisibleAt(this IQueryable<Article> articles, DateTimeOffset now) =>
        articles.Where(VisibleAt(QueryExpressions.Parameter(now)));

    /// <summary>The rule as a filter of articles at the time <paramref name="now"/> evaluates to (a parameter of a compiled query).</summary>
    public static Expression<Func<Article, bool>> VisibleAt(Expression now)
    {
        var article = Expression.Parameter(typeof(Article), "a");
        return Expression.Lambda<Func<Article, bool>>(
            VisibleRule.Splice(Expression.Property(article, nameof(Article.Status)), Expression.Property(article, nameof(Article.PublishedAt)), now),
            article);
    }

    /// <summary>
    /// The same rule for an article whose status and publication time were read: a query then tests the row it holds
    /// rather than asking PostgreSQL for a subquery, whose plan can scan every published article while the table's
    /// statistics lag behind a bulk import.
    /// </summary>
    public static bool IsVisibleAt(ArticleStatus status, DateTimeOffset? publishedAt, DateTimeOffset now) => IsVisible(status, publishedAt, now);

    /// <summary>Featured, and not past its <c>featuredUntil</c>; <paramref name="featured"/> false keeps the others.</summary>
    public static IQueryable<Article> WhereFeaturedAt(this IQueryable<Article> articles, DateTimeOffset now, bool featured = true) =>
        articles.Where(a => (a.Featured && (a.FeaturedUntil == null || a.FeaturedUntil > now)) == featured);
}
