using System.Linq.Expressions;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>What a delivery list of articles asks for; a null member asks for nothing.</summary>
/// <param name="Category">Slug of the category.</param>
/// <param name="Tag">Slug of a tag the article has.</param>
/// <param name="EventId">The event the article reports on.</param>
/// <param name="From">Published at or after (UTC).</param>
/// <param name="To">Published before (UTC).</param>
/// <param name="Featured">Only articles featured now (true) or only those that are not (false).</param>
public sealed record ArticleListFilter(
    string? Category = null, string? Tag = null, Guid? EventId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, bool? Featured = null);

/// <summary>
/// The delivery reads that miss the output cache most (an article by slug for archives, shared links and crawlers;
/// a page of the list) as EF Core compiled queries. A LINQ query is rebuilt, its parameters extracted and its cache
/// entry looked up on every execution, a sixth of a list read's CPU; compiled once, only the SQL runs. Every filter is a
/// parameter that is null when not asked for, and EF Core leaves a null parameter's condition out of the SQL, which it
/// keeps per combination. The projections are AutoMapper's own, lifted out of a <c>ProjectTo</c>, so the answers are
/// exactly the ones the other reads give.
/// </summary>
public sealed class ArticleReads
{
    /// <summary>The list's filters, with the time at which "featured now" is judged for <c>featured=false</c>.</summary>
    private static readonly Expression<Func<Article, string?, string?, Guid?, DateTimeOffset?, DateTimeOffset?, DateTimeOffset?, bool>> Matches =
        (a, category, tag, eventId, from, to, notFeaturedAt) =>
            (category == null || a.Category!.Slug == category)
            && (tag == null || a.Tags.Any(t => t.Slug == tag))
            && (eventId == null || a.EventId == eventId)
            && (from == null || a.PublishedAt >= from)
            && (to == null || a.PublishedAt < to)
            && (notFeaturedAt == null || !(a.Featured && (a.FeaturedUntil == null || a.FeaturedUntil > notFeaturedAt)));

    private readonly IMapper _mapper;
    private readonly Func<KhoaGiaoDbContext, string, DateTimeOffset, IAsyncEnumerable<ArticleResponse>> _bySlug;
    private readonly Func<KhoaGiaoDbContext, DateTimeOffset, string?, string?, Guid?, DateTimeOffset?, DateTimeOffset?,
        DateTimeOffset?, DateTimeOffset?, Guid, int, IAsyncEnumerable<ArticleListItemResponse>> _page;

    public ArticleReads(IMapper mapper)
    {
        _mapper = mapper;
        var db = Expression.Parameter(typeof(KhoaGiaoDbContext), "db");
        var now = Expression.Parameter(typeof(DateTimeOffset), "now");
        var visible = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(Article)],
            ((Expression<Func<KhoaGiaoDbContext, IQueryable<Article>>>)(context => context.Articles.AsNoTracking())).Splice(db),
            Expression.Quote(ArticleVisibility.VisibleAt(now)));

        var slug = Expression.Parameter(typeof(string), "slug");
        Expression<Func<IQueryable<Article>, string, IQueryable<Article>>> bySlug = (articles, s) => articles.Where(a => a.Slug == s);
        // A sequence of at most one, not FirstOrDefault: EF Core's executor of a compiled single-result query builds a
        // delegate on every call (DynamicMethod.CreateDelegate, a fortieth of the read's CPU in a profile).
        var article = Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(ArticleResponse)],
            Project<ArticleResponse>(bySlug.Splice(visible, slug)), Expression.Constant(1));
        _bySlug = EF.CompileAsyncQuery(
            Expression.Lambda<Func<KhoaGiaoDbContext, string, DateTimeOffset, IQueryable<ArticleResponse>>>(article, db, slug, now));

        ParameterExpression[] filter =
        [
            Expression.Parameter(typeof(string), "category"), Expression.Parameter(typeof(string), "tag"),
            Expression.Parameter(typeof(Guid?), "eventId"),
            Expression.Parameter(typeof(DateTimeOffset?), "from"), Expression.Parameter(typeof(DateTimeOffset?), "to"),
            Expression.Parameter(typeof(DateTimeOffset?), "notFeaturedAt"),
        ];
        var afterAt = Expression.Parameter(typeof(DateTimeOffset?), "afterAt");
        var afterId = Expression.Parameter(typeof(Guid), "afterId");
        var take = Expression.Parameter(typeof(int), "take");
        Expression<Func<IQueryable<Article>, DateTimeOffset?, Guid, int, IQueryable<Article>>> newestFirst = (articles, at, id, count) => articles
            .Where(a => at == null || EF.Functions.LessThan(ValueTuple.Create(a.PublishedAt, a.Id), ValueTuple.Create(at, id)))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(count);
        var page = Project<ArticleListItemResponse>(newestFirst.Splice(Filtered(visible, filter), afterAt, afterId, take));
        _page = EF.CompileAsyncQuery(
            Expression.Lambda<Func<KhoaGiaoDbContext, DateTimeOffset, string?, string?, Guid?, DateTimeOffset?, DateTimeOffset?,
                DateTimeOffset?, DateTimeOffset?, Guid, int, IQueryable<ArticleListItemResponse>>>(page, [db, now, .. filter, afterAt, afterId, take]));
    }

    /// <summary>The published, due article with this slug, as delivered; null when there is none.</summary>
    public async Task<ArticleResponse?> BySlugAsync(KhoaGiaoDbContext db, string slug, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await foreach (var article in _bySlug(db, slug, now).WithCancellation(cancellationToken))
        {
            return article;
        }

        return null;
    }

    /// <summary>Up to <paramref name="take"/> visible articles matching the filter, newest first, after the cursor's.</summary>
    public async Task<List<ArticleListItemResponse>> NewestFirstAsync(
        KhoaGiaoDbContext db, ArticleListFilter filter, Cursor? after, int take, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var items = new List<ArticleListItemResponse>(take);
        await foreach (var item in _page(db, now, filter.Category, filter.Tag, filter.EventId, filter.From, filter.To,
                           filter.Featured == false ? now : null, after?.Position, after?.Id ?? Guid.Empty, take).WithCancellation(cancellationToken))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>The visible articles matching the filter, as a query to order and page further.</summary>
    public IQueryable<Article> Matching(KhoaGiaoDbContext db, ArticleListFilter filter, DateTimeOffset now) => Matching(db.Articles, filter, now);

    /// <summary>The visible articles of <paramref name="source"/> (all, or those a search found) matching the filter.</summary>
    public IQueryable<Article> Matching(IQueryable<Article> source, ArticleListFilter filter, DateTimeOffset now)
    {
        var articles = source.AsNoTracking().WhereVisibleAt(now);
        return articles.Provider.CreateQuery<Article>(Filtered(articles.Expression,
        [
            QueryExpressions.Parameter(filter.Category), QueryExpressions.Parameter(filter.Tag),
            QueryExpressions.Parameter(filter.EventId), QueryExpressions.Parameter(filter.From), QueryExpressions.Parameter(filter.To),
            QueryExpressions.Parameter(filter.Featured == false ? now : (DateTimeOffset?)null),
        ]));
    }

    /// <summary>AutoMapper's projection to <typeparamref name="TResponse"/> of the articles the expression selects.</summary>
    private Expression Project<TResponse>(Expression articles)
    {
        // ProjectTo over a stand-in source, whose place the real query then takes.
        var standIn = Array.Empty<Article>().AsQueryable();
        return standIn.ProjectTo<TResponse>(_mapper.ConfigurationProvider).Expression.Replace(standIn.Expression, articles);
    }

    private static MethodCallExpression Filtered(Expression articles, Expression[] filter)
    {
        var article = Matches.Parameters[0];
        return Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(Article)], articles,
            Expression.Quote(Expression.Lambda<Func<Article, bool>>(Matches.Splice([article, .. filter]), article)));
    }
}
