using System.Diagnostics.CodeAnalysis;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using KhoaGiao.Api.Time;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Counters;

/// <summary>Query string of <c>GET /api/v1/articles/most-viewed</c>.</summary>
public sealed record ListMostViewedArticlesQuery
{
    /// <summary>
    /// <c>day</c> (today), <c>week</c> (since Monday), <c>month</c> (since the 1st), calendar periods in
    /// Asia/Ho_Chi_Minh; or <c>all</c> (default), all-time views.
    /// </summary>
    /// <example>week</example>
    [OpenApi.ValuesFrom(typeof(ListMostViewedArticlesQueryValidator), nameof(ListMostViewedArticlesQueryValidator.Periods))]
    public string? Period { get; init; }

    /// <summary>How many articles, 1–50 (default 10).</summary>
    /// <example>10</example>
    public int? Limit { get; init; }
}

public sealed class ListMostViewedArticlesQueryValidator : AbstractValidator<ListMostViewedArticlesQuery>
{
    public static readonly string[] Periods = ["day", "week", "month", "all"];

    public ListMostViewedArticlesQueryValidator()
    {
        RuleFor(q => q.Period).Must(p => p is null || Periods.Contains(p, StringComparer.OrdinalIgnoreCase))
            .WithMessage(_ => Localized.Text("period phải là day, week, month hoặc all.", "period must be day, week, month or all."));
        RuleFor(q => q.Limit).InclusiveBetween(1, 50);
    }
}

/// <summary>A published article with its views in the period asked for.</summary>
public sealed record MostViewedArticleResponse : ArticleListItemResponse
{
    [SetsRequiredMembers]
    public MostViewedArticleResponse(ArticleListItemResponse article, long periodViews)
        : base(article) => PeriodViews = periodViews;

    /// <summary>Views in the period (all-time views for <c>all</c>).</summary>
    /// <example>215</example>
    public long PeriodViews { get; init; }
}

public static class ListMostViewedArticles
{
    public static async Task<Ok<PageResponse<MostViewedArticleResponse>>> HandleAsync(
        [AsParameters] ListMostViewedArticlesQuery query, KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var limit = query.Limit ?? 10;
        var visible = db.Articles.AsNoTracking().WhereVisibleAt(now);
        var ranking = (query.Period?.ToLowerInvariant() ?? "all") switch
        {
            "all" => visible.Where(a => a.ViewTotal != null && a.ViewTotal.Views > 0)
                .Select(a => new { a.Id, Views = a.ViewTotal!.Views }),
            var period => db.ArticleViewDays.Where(d => d.Day >= PeriodStart(period, VietnamTime.DateOf(now)))
                .GroupBy(d => d.ArticleId)
                .Select(g => new { Id = g.Key, Views = g.Sum(d => d.Views) })
                .Where(r => visible.Any(a => a.Id == r.Id)),
        };
        var top = await ranking.OrderByDescending(r => r.Views).ThenByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken);

        var ids = top.Select(r => r.Id).ToList();
        var articles = await visible.Where(a => ids.Contains(a.Id))
            .ProjectTo<ArticleListItemResponse>(mapper.ConfigurationProvider)
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var items = top.Where(r => articles.ContainsKey(r.Id))
            .Select(r => new MostViewedArticleResponse(articles[r.Id], r.Views))
            .ToList();
        return TypedResults.Ok(new PageResponse<MostViewedArticleResponse>(items, NextCursor: null));
    }

    private static DateOnly PeriodStart(string period, DateOnly today) => period switch
    {
        "day" => today,
        "week" => VietnamTime.WeekStart(today),
        _ => new DateOnly(today.Year, today.Month, 1),
    };
}
