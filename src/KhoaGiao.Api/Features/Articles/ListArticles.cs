using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using KhoaGiao.Api.Time;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Query string of <c>GET /api/v1/articles</c>.</summary>
public sealed record ListArticlesQuery
{
    /// <summary>Only articles in this category (slug).</summary>
    /// <example>hoat-dong-khoa-giao</example>
    [OpenApi.Longest(Text.SlugGenerator.MaxLength)]
    public string? Category { get; init; }

    /// <summary>Only articles with this tag (slug).</summary>
    /// <example>toa-dam</example>
    [OpenApi.Longest(Text.SlugGenerator.MaxLength)]
    public string? Tag { get; init; }

    /// <summary>
    /// Words the article must have, whole, in its title, summary or body (the last word may also be the start of a
    /// word, unless a space follows it), insensitive to case, marks, tone placement, đ/d and i/y: <c>toa dam</c> finds
    /// "Tọa đàm" and "Toạ đàm", <c>kĩ năng</c> finds "kỹ năng". Ranked as <c>GET /api/v1/search</c> ranks them unless
    /// <c>sort=newest</c>.
    /// </summary>
    /// <example>toa dam khoa giao</example>
    public string? Q { get; init; }

    /// <summary>With <c>q</c>: <c>relevance</c> (the default, best match first) or <c>newest</c>.</summary>
    /// <example>relevance</example>
    [OpenApi.ValuesFrom(typeof(Search.SearchSort))]
    public string? Sort { get; init; }

    /// <summary>Only articles reporting this event (id).</summary>
    public Guid? EventId { get; init; }

    /// <summary>Published at or after this instant; without an offset, Asia/Ho_Chi_Minh time (<c>2023-08-01</c>).</summary>
    /// <example>2023-08-01T00:00:00+07:00</example>
    public VietnamTimestamp? From { get; init; }

    /// <summary>Published before this instant; without an offset, Asia/Ho_Chi_Minh time.</summary>
    /// <example>2023-09-01T00:00:00+07:00</example>
    public VietnamTimestamp? To { get; init; }

    /// <summary>
    /// <c>true</c>: the homepage's slider, the articles featured now (until their <c>featuredUntil</c>), by
    /// <c>featuredOrder</c> then newest first, in one page of up to <c>limit</c>. <c>false</c>: only articles not
    /// featured now (the "latest news" beside the slider).
    /// </summary>
    public bool? Featured { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    /// <example>20</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Whether the list is searched and ranked by relevance (its cursor counts items instead of naming one).</summary>
    internal bool IsRanked => Search.SearchQuery.Parse(Q) is not null && QueryEnum.Parse<Search.SearchSort>(Sort) is null or Search.SearchSort.Relevance;
}

public sealed class ListArticlesQueryValidator : AbstractValidator<ListArticlesQuery>
{
    public ListArticlesQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        RuleFor(q => q.Q).MaximumLength(Search.SearchQuery.MaxLength);
        RuleFor(q => q.Sort).Must(sort => sort is null || QueryEnum.Parse<Search.SearchSort>(sort) is not null)
            .WithMessage(_ => Localized.Text(
                $"Thứ tự phải là một trong: {QueryEnum.Names<Search.SearchSort>()}.",
                $"The sort must be one of: {QueryEnum.Names<Search.SearchSort>()}."));
        RuleFor(q => q.Cursor).MustBeCursor(c => Search.RankCursor.TryDecode(c, out _)).When(q => q.IsRanked);
        RuleFor(q => q.Cursor).MustBeCursor().When(q => !q.IsRanked);
        RuleFor(q => q.Cursor).Null().When(q => q.Featured == true)
            .WithMessage(_ => Localized.Text("Danh sách nổi bật chỉ có một trang.", "The featured list is a single page."));
        RuleFor(q => q.To).Must((q, to) => to!.Value.CompareTo(q.From!.Value) > 0)
            .When(q => q.From is not null && q.To is not null)
            .WithMessage(_ => Localized.Text("'to' phải sau 'from'.", "'to' must be after 'from'."));
    }
}

public static class ListArticles
{
    public const int DefaultLimit = 20;

    public static async Task<Ok<PageResponse<ArticleListItemResponse>>> HandleAsync(
        [AsParameters] ListArticlesQuery query,
        KhoaGiaoDbContext db,
        ArticleReads reads,
        Search.ArticleSearch search,
        IMapper mapper,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var words = Search.SearchQuery.Parse(query.Q);

        // Npgsql writes timestamptz parameters in UTC only.
        var filter = new ArticleListFilter(query.Category, query.Tag, query.EventId,
            query.From?.ToUniversalTime(), query.To?.ToUniversalTime(), query.Featured);
        var limit = query.Limit ?? DefaultLimit;
        if (query.Featured == true)
        {
            var slider = await reads.Matching(words is null ? db.Articles : await search.FoundAsync(db, words, cancellationToken), filter, now)
                .WhereFeaturedAt(now)
                .OrderBy(a => a.FeaturedOrder == null).ThenBy(a => a.FeaturedOrder)
                .ThenByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
                .Take(limit)
                .ProjectTo<ArticleListItemResponse>(mapper.ConfigurationProvider)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(new PageResponse<ArticleListItemResponse>(slider, null));
        }

        if (words is not null && query.IsRanked)
        {
            var at = Search.RankCursor.TryDecode(query.Cursor, out var rank) ? rank : (Search.RankCursor?)null;
            var ranked = await search.RankedAsync(db, words, filter, now, at, limit,
                found => found.Select(f => f.Article).ProjectTo<ArticleListItemResponse>(mapper.ConfigurationProvider), cancellationToken);
            return TypedResults.Ok(new PageResponse<ArticleListItemResponse>(ranked.Items, ranked.Next?.Encode()));
        }

        var after = Cursor.TryDecode(query.Cursor, out var cursor) ? cursor : (Cursor?)null;
        var items = words is null
            ? await reads.NewestFirstAsync(db, filter, after, limit + 1, now, cancellationToken)
            : await search.NewestAsync(db, words, filter, now, after, limit + 1,
                articles => articles.ProjectTo<ArticleListItemResponse>(mapper.ConfigurationProvider), cancellationToken);
        return TypedResults.Ok(Paging.Page(items, limit, i => new Cursor(i.PublishedAt, i.Id).Encode()));
    }
}
