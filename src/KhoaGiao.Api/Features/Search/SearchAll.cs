using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.People;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Search;

/// <summary>Query string of <c>GET /api/v1/search</c>.</summary>
public sealed record SearchAllQuery
{
    public const int MaxLimit = 50;

    /// <summary>Longest <see cref="Types"/> accepted ("article,event,person" and some spaces).</summary>
    public const int TypesMaxLength = 40;

    /// <summary>The words to find (required; up to ten words are searched for).</summary>
    /// <example>tọa đàm khoa giáo</example>
    public string? Q { get; init; }

    /// <summary>What to search, comma-separated: <c>article</c>, <c>event</c>, <c>person</c> (default: all three).</summary>
    /// <example>article,event</example>
    public string? Types { get; init; }

    /// <summary>Page size, 1–50 (default 20).</summary>
    /// <example>20</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }

    /// <summary>The types asked for; null when one is not a type.</summary>
    internal IReadOnlySet<SearchResultType>? TypesAsked
    {
        get
        {
            if (Types is null)
            {
                return Enum.GetValues<SearchResultType>().ToHashSet();
            }

            var asked = new HashSet<SearchResultType>();
            foreach (var name in Types.Split(',', StringSplitOptions.TrimEntries))
            {
                if (QueryEnum.Parse<SearchResultType>(name) is not { } type)
                {
                    return null;
                }

                asked.Add(type);
            }

            return asked;
        }
    }
}

public sealed class SearchAllQueryValidator : AbstractValidator<SearchAllQuery>
{
    public SearchAllQueryValidator()
    {
        RuleFor(q => q.Q).NotEmpty().MaximumLength(SearchQuery.MaxLength);
        RuleFor(q => q.Q).Must(q => SearchQuery.Parse(q) is not null).When(q => !string.IsNullOrWhiteSpace(q.Q))
            .WithMessage(_ => Localized.Text("Truy vấn phải có ít nhất một chữ hoặc số.", "The query must have a letter or a digit."));
        RuleFor(q => q.Types).MaximumLength(SearchAllQuery.TypesMaxLength);
        RuleFor(q => q.Types).Must((q, _) => q.TypesAsked is not null)
            .WithMessage(_ => Localized.Text(
                $"Mỗi loại phải là một trong: {QueryEnum.Names<SearchResultType>()}.",
                $"Each type must be one of: {QueryEnum.Names<SearchResultType>()}."));
        RuleFor(q => q.Limit).InclusiveBetween(1, SearchAllQuery.MaxLimit);
        RuleFor(q => q.Cursor).MustBeCursor(c => RankCursor.TryDecode(c, out _));
    }
}

public static class SearchAll
{
    public const int MaxSuggestions = 5;

    public static async Task<Ok<SearchResponse>> HandleAsync(
        [AsParameters] SearchAllQuery query,
        KhoaGiaoDbContext db,
        ArticleSearch articles,
        SearchStatistics statistics,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var words = SearchQuery.Parse(query.Q)!;
        var types = query.TypesAsked!;
        var limit = query.Limit ?? 20;
        var at = RankCursor.TryDecode(query.Cursor, out var cursor) ? cursor : (RankCursor?)null;
        var offset = at?.Offset ?? 0;
        var now = clock.GetUtcNow();

        // The best offset + limit + 1 of each type, merged: enough for this page and to know whether another follows.
        var wanted = offset + limit + 1;
        var found = new List<Found>();
        var plan = at?.Plan ?? SearchPlan.Newest;
        if (types.Contains(SearchResultType.Article))
        {
            var ranked = await articles.RankedAsync(db, words, new ArticleListFilter(), now, at is null ? null : at.Value with { Offset = 0 }, wanted,
                ArticleHits,
                cancellationToken);
            found.AddRange(Numbered(ranked.Items));
            plan = ranked.Plan;
        }

        if (types.Contains(SearchResultType.Event))
        {
            found.AddRange(Numbered(await (
                    from hit in SearchMatches.EventHits(db, words)
                    join e in db.Events.AsNoTracking().WherePublished() on hit.Id equals e.Id
                    orderby hit.Tier, hit.Whole descending, hit.Exact descending, e.StartsAt descending, e.Id descending
                    select new Found(SearchResultType.Event, e.Id, hit.Tier, hit.Whole, hit.Exact, e.StartsAt))
                .Take(wanted).ToListAsync(cancellationToken)));
        }

        if (types.Contains(SearchResultType.Person))
        {
            found.AddRange(Numbered(await (
                    from hit in SearchMatches.PersonHits(db, words)
                    join p in db.People.AsNoTracking().WherePublic(db) on hit.Id equals p.Id
                    orderby hit.Tier, hit.Whole descending, hit.Exact descending, p.SearchName, p.Id
                    select new Found(SearchResultType.Person, p.Id, hit.Tier, hit.Whole, hit.Exact, null))
                .Take(wanted).ToListAsync(cancellationToken)));
        }

        var ordered = found
            .OrderBy(f => f.Tier).ThenByDescending(f => f.Whole).ThenByDescending(f => f.Exact).ThenBy(f => f.Type == SearchResultType.Person ? 0 : 1)
            .ThenByDescending(f => f.Date).ThenBy(f => f.Place).ThenBy(f => f.Type)
            .ToList();
        var page = ordered.Skip(offset).Take(limit).ToList();
        var next = ordered.Count > offset + limit && offset + limit <= RankCursor.MaxOffset
            ? new RankCursor(offset + limit, plan).Encode()
            : null;

        var items = await ShowAsync(db, words, page, cancellationToken);
        if (ordered.Count > 0 || at is not null || !types.Contains(SearchResultType.Article)
            || await statistics.CorrectAsync(words, cancellationToken) is not { } corrected)
        {
            return TypedResults.Ok(new SearchResponse { Items = items, NextCursor = next, Suggestions = [] });
        }

        var suggested = await articles.RankedAsync(db, corrected, new ArticleListFilter(), now, null, MaxSuggestions,
            ArticleHits,
            cancellationToken);
        return TypedResults.Ok(new SearchResponse
        {
            Items = items,
            NextCursor = null,
            CorrectedQuery = string.Join(' ', corrected.Words),
            Suggestions = await ShowAsync(db, corrected, suggested.Items, cancellationToken),
        });
    }

    /// <summary>The page's items as shown: titles, links, and snippets from the text each was found in.</summary>
    private static async Task<List<SearchResultResponse>> ShowAsync(
        KhoaGiaoDbContext db, SearchQuery words, List<Found> page, CancellationToken cancellationToken)
    {
        var ids = page.Select(f => f.Id).ToList();
        var articleRows = page.Any(f => f.Type == SearchResultType.Article)
            ? await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
                .Select(a => new { a.Id, a.Slug, a.Title, a.Summary, a.Body }).ToDictionaryAsync(a => a.Id, cancellationToken)
            : [];
        var eventRows = page.Any(f => f.Type == SearchResultType.Event)
            ? await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id))
                .Select(e => new { e.Id, e.Slug, e.Title, e.Summary }).ToDictionaryAsync(e => e.Id, cancellationToken)
            : [];
        var personRows = page.Any(f => f.Type == SearchResultType.Person)
            ? await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, p.FullName }).ToDictionaryAsync(p => p.Id, cancellationToken)
            : [];

        return page.Select(f => f.Type switch
        {
            SearchResultType.Article when articleRows[f.Id] is var a => new SearchResultResponse
            {
                Type = f.Type, Id = f.Id, Slug = a.Slug, Title = a.Title, Date = f.Date, Href = $"/api/v1/articles/{a.Slug}",
                Snippet = SearchSnippet.OfArticle(words, a.Summary, a.Body),
            },
            SearchResultType.Event when eventRows[f.Id] is var e => new SearchResultResponse
            {
                Type = f.Type, Id = f.Id, Slug = e.Slug, Title = e.Title, Date = f.Date, Href = $"/api/v1/events/{e.Slug}",
                Snippet = SearchSnippet.Of(words, e.Summary) ?? SearchSnippet.Opening(e.Summary),
            },
            _ => new SearchResultResponse
            {
                Type = f.Type, Id = f.Id, Title = personRows[f.Id].FullName, Href = $"/api/v1/people/{f.Id}",
            },
        }).ToList();
    }

    /// <summary>Ranked articles as hits of the merged list.</summary>
    private static IQueryable<Found> ArticleHits(IQueryable<RankedArticle> ranked) =>
        ranked.Select(h => new Found(SearchResultType.Article, h.Article.Id, h.Hit.Tier, h.Hit.Whole, h.Hit.Exact, h.Article.PublishedAt));

    /// <summary>Each hit with its place in its own type's ranked list (people by name), which breaks the last ties.</summary>
    private static IEnumerable<Found> Numbered(List<Found> ranked) => ranked.Select((f, i) => f with { Place = i });

    /// <summary>A hit of any type with what orders it among the others.</summary>
    private sealed record Found(SearchResultType Type, Guid Id, int Tier, bool Whole, bool Exact, DateTimeOffset? Date)
    {
        public int Place { get; init; }
    }
}
