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
/// and all are ranked. Common words: an index scan newest first reads the newest articles (enough to hold about 500
/// matches, at most <see cref="SearchOptions.MaxWindow"/>) and ranks the matches among them; reading every
/// match of a word in half the articles would take seconds at a million. Words each common but rare together (a
/// person's name) are told apart by counting, through the index, up to <see cref="SearchOptions.RareMatches"/> of
/// their matches first. When the last word is itself a listed word, that count takes it whole: a prefix that starts
/// a common word ("huy" of "huyện") is asked of the index only as fast as reading every entry it starts, so every
/// match with the last word whole is ranked, with the matches among the newest articles for the longer words it
/// starts (<see cref="SearchPlan.WholeAndNewest"/>). The GIN index is asked only for the words in at most a tenth of
/// the articles: reading the entries of a word in most of them (or of every word a common prefix starts) costs more
/// than checking it on the few rows the rarer words leave.
/// </para>
/// </summary>
public sealed class ArticleSearch(ArticleReads reads, SearchStatistics statistics, IOptions<SearchOptions> options)
{
    /// <summary>Matches a common query's window aims to hold.</summary>
    private const int WindowMatches = 500;

    /// <summary>The fewest newest articles a common query's window reads.</summary>
    private const int MinWindow = 2000;

    /// <summary>
    /// The newest articles <see cref="SearchPlan.WholeAndNewest"/> looks through for the longer words a last word starts:
    /// the whole-word matches make the list, these the latest completions.
    /// </summary>
    private const int WholeWindow = 500;

    /// <summary>The largest share of articles a word may be in and still be looked up in the GIN index.</summary>
    private const double IndexedMaxFrequency = 0.1;

    /// <summary>The rank of a hit, its tier first; <see cref="RankTail"/> ends it, after whether the last word is there whole.</summary>
    private const string RankHead = """
        SELECT a.id,
               CASE WHEN a.search_head @@ @title_phrase::tsquery THEN 0
                    WHEN a.search_head @@ @title_all::tsquery THEN 1
                    WHEN a.search_head @@ @head_phrase::tsquery THEN 2
                    WHEN a.search_head @@ @head_all::tsquery THEN 3
                    ELSE 4 END AS tier,
        """;

    /// <summary>The end of a hit's rank: whether the words typed with marks are there with them.</summary>
    private const string RankTail = """
               coalesce(a.search_exact @@ @exact::tsquery, false) AS exact
        FROM
        """;

    /// <summary>The rank of a hit, the last word checked whole on the row: for rows read anyway (the newest articles).</summary>
    private const string Rank = RankHead + "a.search_vector @@ @whole::tsquery AS whole," + RankTail;

    /// <summary>
    /// The rank of a hit, the last word whole when the GIN index finds the row for <c>@whole_indexed</c> (a CTE
    /// <c>whole</c>): for rows the index finds, whose vectors would otherwise be read from TOAST a second time.
    /// </summary>
    private const string RankFound =
        "WITH whole AS MATERIALIZED (SELECT id FROM articles WHERE search_vector @@ @whole_indexed::tsquery) "
        + RankHead + "a.id IN (SELECT id FROM whole) AS whole," + RankTail;

    /// <summary>
    /// Every article with the words: those the GIN index finds for <c>@indexed</c>, checked for every word (coalesce
    /// keeps the check out of the index). OFFSET 0 keeps the planner from trading the index for the date order.
    /// </summary>
    private const string Matches =
        "SELECT * FROM articles WHERE search_vector @@ @indexed::tsquery AND coalesce(search_vector, ''::tsvector) @@ @match::tsquery OFFSET 0";

    /// <summary><see cref="Matches"/> when the index is asked for every word.</summary>
    private const string IndexedMatches = "SELECT * FROM articles WHERE search_vector @@ @indexed::tsquery OFFSET 0";

    /// <summary><see cref="Matches"/>, ranked.</summary>
    private const string AllMatchesRanked = RankFound + " (" + Matches + ") a";

    /// <summary><see cref="IndexedMatches"/>, ranked.</summary>
    private const string AllIndexedMatchesRanked = RankFound + " (" + IndexedMatches + ") a";

    /// <summary>The articles with the words among the newest <c>@window</c> published.</summary>
    private const string NewestMatches = Rank + """
         (SELECT id, search_vector, search_head, search_exact FROM articles
          WHERE status = 'Published' ORDER BY published_at DESC, id DESC LIMIT @window) a
        WHERE a.search_vector @@ @match::tsquery
        """;

    /// <summary>
    /// The articles with the words whose last word is whole, found through the GIN index for <c>@whole_indexed</c>, and
    /// those with the words among the newest <c>@window</c> published; coalesce keeps the index from being asked for the
    /// words with the last as a prefix.
    /// </summary>
    private const string WholeAndNewestMatches = RankFound + """
         (SELECT id, search_vector, search_head, search_exact FROM articles
          WHERE id IN ((SELECT id FROM whole)
                       UNION (SELECT id FROM articles WHERE status = 'Published'
                              ORDER BY published_at DESC, id DESC LIMIT @window))) a
        WHERE coalesce(a.search_vector, ''::tsvector) @@ @match::tsquery
        """;

    /// <summary>
    /// A page of the visible articles matching the query and filter, best first (<see cref="SearchHit.Tier"/>, then
    /// the last word whole, then marks typed and found, then newest), projected by <paramref name="project"/>.
    /// </summary>
    public async Task<RankedPage<T>> RankedAsync<T>(
        KhoaGiaoDbContext db, SearchQuery query, ArticleListFilter filter, DateTimeOffset now, RankCursor? at, int limit,
        Func<IQueryable<RankedArticle>, IQueryable<T>> project, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var estimate = await statistics.EstimateAsync(query, cancellationToken);
        var plan = at is { } later ? await KeptAsync(later.Plan) : await PlanAsync(db, query, estimate, cancellationToken);
        var offset = at?.Offset ?? 0;
        var items = await RankAsync(plan);
        if (at is null && plan == SearchPlan.Newest && items.Count <= limit && estimate.Matches <= settings.FullRankMaxMatches)
        {
            // The newest articles hold less than a page: a word common once and rare lately. Rank all its matches.
            plan = SearchPlan.AllMatches;
            items = await RankAsync(plan);
        }

        var next = items.Count > limit && offset + limit <= RankCursor.MaxOffset ? new RankCursor(offset + limit, plan) : (RankCursor?)null;
        return new RankedPage<T>(items.Take(limit).ToList(), next, plan);

        // The plan a cursor carries, unless the query cannot have had it (a cursor made up, or statistics read since):
        // a forged "every match" would rank every article with a common word.
        async Task<SearchPlan> KeptAsync(SearchPlan kept)
        {
            if (kept == SearchPlan.WholeAndNewest && WholeWords(estimate) is null)
            {
                return SearchPlan.Newest;
            }

            if (kept == SearchPlan.AllMatches && estimate.Matches > settings.FullRankMaxMatches
                && !await IsRareAsync(db, query, estimate, cancellationToken))
            {
                return SearchPlan.Newest;
            }

            return kept;
        }

        Task<List<T>> RankAsync(SearchPlan chosen)
        {
            var hits = chosen switch
            {
                SearchPlan.AllMatches => AllHits(db, query, estimate),
                SearchPlan.Newest => NewestHits(db, query,
                    (int)Math.Clamp(WindowMatches / Math.Max(estimate.Density, 1e-9), MinWindow, settings.MaxWindow)),
                _ => WholeAndNewestHits(db, query, WholeWords(estimate) ?? throw new InvalidOperationException("no whole-word plan")),
            };
            var ranked =
                from hit in hits
                join article in reads.Matching(db, filter, now) on hit.Id equals article.Id
                orderby hit.Tier, hit.Whole descending, hit.Exact descending, article.PublishedAt descending, article.Id descending
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
        // Rare: the GIN index finds every match. Common: the newest-first index scan with the words as a filter, which
        // stops after a page; coalesce keeps the planner from reading every match through the GIN index to sort them.
        var found = await IsRareAsync(db, query, estimate, cancellationToken)
            ? Found(db, query, estimate)
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

    /// <summary>Every article with every word of the query, found through the GIN index, to filter and order further.</summary>
    public async Task<IQueryable<Article>> FoundAsync(KhoaGiaoDbContext db, SearchQuery query, CancellationToken cancellationToken) =>
        Found(db, query, await statistics.EstimateAsync(query, cancellationToken));

    private static IQueryable<Article> Found(KhoaGiaoDbContext db, SearchQuery query, SearchEstimate estimate)
    {
        var (indexed, all) = Indexed(query, IndexedWords(estimate));
        return db.Articles.FromSqlRaw(all ? IndexedMatches : Matches, SearchMatches.Match(query), indexed);
    }

    /// <summary>
    /// How to rank the query's matches: every match when they are few (<see cref="IsRareAsync"/>); every match with
    /// the last word whole and the matches among the newest articles when those are few and the last word is a listed
    /// word (<see cref="WholeWords"/>); otherwise the matches among the newest articles.
    /// </summary>
    private async Task<SearchPlan> PlanAsync(KhoaGiaoDbContext db, SearchQuery query, SearchEstimate estimate, CancellationToken cancellationToken)
    {
        if (estimate.Matches > options.Value.RareMatches && WholeWords(estimate) is { } whole)
        {
            return await IsFewAsync(db, query.WholeOf(whole), cancellationToken) ? SearchPlan.WholeAndNewest : SearchPlan.Newest;
        }

        return await IsRareAsync(db, query, estimate, cancellationToken) ? SearchPlan.AllMatches : SearchPlan.Newest;
    }

    /// <summary>
    /// Whether the query's matches are few enough to rank them all: by the statistics, or, when each word is common but
    /// there are several, by counting them through the index up to <see cref="SearchOptions.RareMatches"/>.
    /// </summary>
    private async Task<bool> IsRareAsync(KhoaGiaoDbContext db, SearchQuery query, SearchEstimate estimate, CancellationToken cancellationToken)
    {
        if (estimate.Matches <= options.Value.RareMatches)
        {
            return true;
        }

        var chosen = IndexedWords(estimate);
        return chosen.Count(c => c) >= 2 && await IsFewAsync(db, query.MatchOf(chosen), cancellationToken);
    }

    /// <summary>Whether at most <see cref="SearchOptions.RareMatches"/> articles match the tsquery, counted through the GIN index.</summary>
    private async Task<bool> IsFewAsync(KhoaGiaoDbContext db, string indexed, CancellationToken cancellationToken)
    {
        var rareMatches = options.Value.RareMatches;
        var found = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM (SELECT 1 FROM articles WHERE search_vector @@ @indexed::tsquery LIMIT @most) found",
                new NpgsqlParameter("indexed", NpgsqlDbType.Text) { Value = indexed },
                new NpgsqlParameter("most", NpgsqlDbType.Integer) { Value = rareMatches + 1 })
            .SingleAsync(cancellationToken);
        return found <= rareMatches;
    }

    /// <summary>The chosen words (<see cref="IndexedWords"/>) as the parameter <c>@indexed</c>, and whether that is every word.</summary>
    private static (NpgsqlParameter Indexed, bool All) Indexed(SearchQuery query, bool[] chosen) =>
        (new NpgsqlParameter("indexed", NpgsqlDbType.Text) { Value = query.MatchOf(chosen) }, chosen.All(c => c));

    /// <summary>
    /// Which words the GIN index is asked for: those in at most a tenth of the articles, or else the rarest. The last
    /// word, a prefix, is left to the check when another word is asked for: the index reads every entry the prefix
    /// starts and cannot skip through them (at a million articles, "thủy" as a prefix cost 25 ms of a name's 29).
    /// </summary>
    private static bool[] IndexedWords(SearchEstimate estimate)
    {
        var frequencies = estimate.Frequencies;
        var chosen = frequencies.Select(f => f <= IndexedMaxFrequency).ToArray();
        if (chosen.Length > 1 && chosen[..^1].Any(c => c))
        {
            chosen[^1] = false;
        }

        if (!chosen.Any(c => c))
        {
            chosen[frequencies.ToList().IndexOf(frequencies.Min())] = true;
        }

        return chosen;
    }

    /// <summary>
    /// The words the GIN index is asked for with the last taken whole: those <see cref="IndexedWords"/> chooses and the
    /// last, when another is chosen and the last is a listed word in at most a tenth of the articles; else null.
    /// </summary>
    private static bool[]? WholeWords(SearchEstimate estimate)
    {
        var chosen = IndexedWords(estimate);
        if (chosen.Length < 2 || !chosen[..^1].Any(c => c) || estimate.LastWhole is not <= IndexedMaxFrequency)
        {
            return null;
        }

        chosen[^1] = true;
        return chosen;
    }

    /// <summary>Every article with every word, ranked.</summary>
    private static IQueryable<SearchHit> AllHits(KhoaGiaoDbContext db, SearchQuery query, SearchEstimate estimate)
    {
        var chosen = IndexedWords(estimate);
        var (indexed, all) = Indexed(query, chosen);
        chosen[^1] = true;
        return db.Set<SearchHit>().FromSqlRaw(all ? AllIndexedMatchesRanked : AllMatchesRanked,
            [.. SearchMatches.RankParameters(query), indexed, WholeIndexed(query, chosen)]);
    }

    /// <summary>
    /// The articles with every word and the last whole (the GIN index asked for the <paramref name="whole"/> words), and
    /// those with every word among the newest <see cref="WholeWindow"/>, ranked.
    /// </summary>
    private static IQueryable<SearchHit> WholeAndNewestHits(KhoaGiaoDbContext db, SearchQuery query, bool[] whole) =>
        db.Set<SearchHit>().FromSqlRaw(WholeAndNewestMatches,
        [
            .. SearchMatches.RankParameters(query),
            WholeIndexed(query, whole),
            new NpgsqlParameter("window", NpgsqlDbType.Integer) { Value = WholeWindow },
        ]);

    /// <summary>The <paramref name="chosen"/> words, the last whole, as the parameter <c>@whole_indexed</c>.</summary>
    private static NpgsqlParameter WholeIndexed(SearchQuery query, bool[] chosen) =>
        new("whole_indexed", NpgsqlDbType.Text) { Value = query.WholeOf(chosen) };

    /// <summary>The articles with every word among the newest <paramref name="window"/>, ranked.</summary>
    private static IQueryable<SearchHit> NewestHits(KhoaGiaoDbContext db, SearchQuery query, int window) =>
        db.Set<SearchHit>().FromSqlRaw(NewestMatches,
            [.. SearchMatches.RankParameters(query), new NpgsqlParameter("window", NpgsqlDbType.Integer) { Value = window }]);
}

/// <summary>One page of a ranked list, with where the next begins (null on the last), and how the ranking read its matches.</summary>
public sealed record RankedPage<T>(List<T> Items, RankCursor? Next, SearchPlan Plan);

/// <summary>How a ranked list reads its matches: chosen on its first page and kept by its cursor, so pages agree.</summary>
public enum SearchPlan
{
    /// <summary>Every match, through the GIN index.</summary>
    AllMatches,

    /// <summary>The matches among the newest articles.</summary>
    Newest,

    /// <summary>Every match with the last word whole, through the GIN index, and the matches among the newest articles.</summary>
    WholeAndNewest,
}

/// <summary>An article a search found, with its rank.</summary>
public sealed class RankedArticle
{
    public required SearchHit Hit { get; init; }

    public required Article Article { get; init; }
}
