using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// Article search over the text index (migration SearchIndex): <c>search_vector</c> holds the folded words of title,
/// summary and body, with a GIN index; <c>search_head</c> those of title (weight A) and summary (B) with positions, for
/// the rank; <c>search_exact</c> the words of title and summary with their marks.
/// <para>
/// The plan is chosen per query from how common its words are (<see cref="SearchStatistics"/>), because neither plan
/// is fast for both and PostgreSQL's planner picks the wrong one both ways. Rare words: the GIN index finds every match,
/// and all are ranked. Common words: an index scan newest first reads the newest articles (enough to hold about a
/// thousand matches, at most <see cref="SearchOptions.MaxWindow"/>) and ranks the matches among them; reading every
/// match of a word in half the articles would take seconds at a million.
/// </para>
/// </summary>
public sealed class ArticleSearch(ArticleReads reads, SearchStatistics statistics, IOptions<SearchOptions> options)
{
    /// <summary>Matches a common query's window aims to hold.</summary>
    private const int WindowMatches = 1000;

    /// <summary>The fewest newest articles a common query's window reads.</summary>
    private const int MinWindow = 2000;

    /// <summary>
    /// A page of the visible articles matching the query and filter, best first (<see cref="SearchHit.Tier"/>, then
    /// marks typed and found, then newest), projected by <paramref name="project"/>.
    /// </summary>
    public async Task<RankedPage<T>> RankedAsync<T>(
        KhoaGiaoDbContext db, SearchQuery query, ArticleListFilter filter, DateTimeOffset now, RankCursor? at, int limit,
        Func<IQueryable<RankedArticle>, IQueryable<T>> project, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var estimate = await statistics.EstimateAsync(query, cancellationToken);
        var allMatches = at?.AllMatches ?? estimate.Matches <= settings.RareMatches;
        var offset = at?.Offset ?? 0;
        var items = await RankAsync(allMatches);
        if (at is null && !allMatches && items.Count <= limit && estimate.Matches <= settings.FullRankMaxMatches)
        {
            // The newest articles hold less than a page: a word common once and rare lately. Rank all its matches.
            allMatches = true;
            items = await RankAsync(allMatches);
        }

        var next = items.Count > limit && offset + limit <= RankCursor.MaxOffset ? new RankCursor(offset + limit, allMatches) : (RankCursor?)null;
        return new RankedPage<T>(items.Take(limit).ToList(), next, allMatches);

        Task<List<T>> RankAsync(bool all)
        {
            var window = all ? (int?)null : (int)Math.Clamp(WindowMatches / Math.Max(estimate.Density, 1e-9), MinWindow, settings.MaxWindow);
            var ranked =
                from hit in Hits(db, query, window)
                join article in reads.Matching(db, filter, now) on hit.Id equals article.Id
                orderby hit.Tier, hit.Exact descending, article.PublishedAt descending, article.Id descending
                select new RankedArticle { Hit = hit, Article = article };
            return project(ranked.Skip(offset).Take(limit + 1)).ToListAsync(cancellationToken);
        }
    }

    /// <summary>Up to <paramref name="take"/> visible articles matching the query and filter, newest first, after the cursor's.</summary>
    public async Task<List<T>> NewestAsync<T>(
        KhoaGiaoDbContext db, SearchQuery query, ArticleListFilter filter, DateTimeOffset now, Cursor? after, int take,
        Func<IQueryable<Article>, IQueryable<T>> project, CancellationToken cancellationToken)
    {
        var estimate = await statistics.EstimateAsync(query, cancellationToken);
        // Rare: the GIN index finds every match (an array, so the planner cannot trade it for the date index). Common:
        // the newest-first index scan with the words as a filter, which stops after a page; coalesce keeps the planner
        // from reading every match through the GIN index to sort them.
        var found = estimate.Matches <= options.Value.RareMatches
            ? SearchMatches.Articles(db, query)
            : db.Articles.FromSqlRaw("SELECT * FROM articles WHERE coalesce(search_vector, ''::tsvector) @@ @match::tsquery",
                SearchMatches.Match(query));
        var position = after?.Position;
        var id = after?.Id ?? Guid.Empty;
        var page = reads.Matching(found, filter, now)
            .Where(a => position == null || EF.Functions.LessThan(ValueTuple.Create(a.PublishedAt, a.Id), ValueTuple.Create(position, id)))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(take);
        return await project(page).ToListAsync(cancellationToken);
    }

    /// <summary>The rank of a hit: its tier, and whether the words typed with marks are there with them.</summary>
    private const string Rank = """
        SELECT a.id,
               CASE WHEN a.search_head @@ @title_phrase::tsquery THEN 0
                    WHEN a.search_head @@ @title_all::tsquery THEN 1
                    WHEN a.search_head @@ @head_phrase::tsquery THEN 2
                    WHEN a.search_head @@ @head_all::tsquery THEN 3
                    ELSE 4 END AS tier,
               coalesce(a.search_exact @@ @exact::tsquery, false) AS exact
        FROM
        """;

    /// <summary>Every article with the words.</summary>
    private const string AllMatches = Rank + """
         (SELECT id, search_head, search_exact FROM articles
          WHERE id = ANY (ARRAY(SELECT id FROM articles WHERE search_vector @@ @match::tsquery))) a
        """;

    /// <summary>The articles with the words among the newest <c>@window</c> published.</summary>
    private const string NewestMatches = Rank + """
         (SELECT id, search_vector, search_head, search_exact FROM articles
          WHERE status = 'Published' ORDER BY published_at DESC, id DESC LIMIT @window) a
        WHERE a.search_vector @@ @match::tsquery
        """;

    /// <summary>The articles with every word, ranked; from all of them, or from the newest <paramref name="window"/>.</summary>
    private static IQueryable<SearchHit> Hits(KhoaGiaoDbContext db, SearchQuery query, int? window) =>
        db.Set<SearchHit>().FromSqlRaw(window is null ? AllMatches : NewestMatches,
            [.. SearchMatches.RankParameters(query), new NpgsqlParameter("window", NpgsqlDbType.Integer) { Value = window ?? 0 }]);
}

/// <summary>
/// One page of a ranked list, with where the next begins (null on the last), and whether the ranking read every match
/// or the newest articles.
/// </summary>
public sealed record RankedPage<T>(List<T> Items, RankCursor? Next, bool AllMatches);

/// <summary>An article a search found, with its rank.</summary>
public sealed class RankedArticle
{
    public required SearchHit Hit { get; init; }

    public required Article Article { get; init; }
}
