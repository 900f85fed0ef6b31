using System.Linq.Expressions;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// The delivery read of one article by slug as an EF Core compiled query: the busiest read that misses the output cache
/// (archives, shared links, crawlers). A LINQ query is rebuilt, its parameters extracted and its cache entry looked up on
/// every execution; compiled once, only the SQL runs. The projection is AutoMapper's own, lifted out of a
/// <c>ProjectTo</c>, so the answer is exactly the one the other reads give.
/// </summary>
public sealed class ArticleReads
{
    private readonly Func<KhoaGiaoDbContext, string, DateTimeOffset, CancellationToken, Task<ArticleResponse?>> _bySlug;

    public ArticleReads(IMapper mapper)
    {
        var db = Expression.Parameter(typeof(KhoaGiaoDbContext), "db");
        var slug = Expression.Parameter(typeof(string), "slug");
        var now = Expression.Parameter(typeof(DateTimeOffset), "now");

        Expression<Func<KhoaGiaoDbContext, string, IQueryable<Article>>> bySlug = (context, s) =>
            context.Articles.AsNoTracking().Where(a => a.Slug == s);
        var articles = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(Article)],
            new ReplacingExpressionVisitor(bySlug.Parameters, [db, slug]).Visit(bySlug.Body),
            Expression.Quote(ArticleVisibility.VisibleAt(now)));

        // ProjectTo over a stand-in source, whose place the real query then takes.
        var standIn = Array.Empty<Article>().AsQueryable();
        var projected = standIn.ProjectTo<ArticleResponse>(mapper.ConfigurationProvider).Expression;
        var query = new ReplacingExpressionVisitor([standIn.Expression], [articles]).Visit(projected);
        var first = Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(ArticleResponse)], query);
        var cancellation = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        _bySlug = EF.CompileAsyncQuery(
            Expression.Lambda<Func<KhoaGiaoDbContext, string, DateTimeOffset, CancellationToken, ArticleResponse?>>(first, db, slug, now, cancellation));
    }

    /// <summary>The published, due article with this slug, as delivered; null when there is none.</summary>
    public Task<ArticleResponse?> BySlugAsync(KhoaGiaoDbContext db, string slug, DateTimeOffset now, CancellationToken cancellationToken) =>
        _bySlug(db, slug, now, cancellationToken);
}
