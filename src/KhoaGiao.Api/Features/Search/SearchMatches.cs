using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.People;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// The events and people with every word of a query, through the GIN index of their <c>search_vector</c> (migration
/// SearchIndex); articles have <see cref="ArticleSearch"/>. The tables are small: every match is ranked.
/// </summary>
public static class SearchMatches
{
    /// <summary>Every person whose name has every word, to filter, order and project further.</summary>
    public static IQueryable<Person> People(KhoaGiaoDbContext db, SearchQuery query) =>
        db.People.FromSqlRaw("SELECT * FROM people WHERE search_vector @@ @match::tsquery", Match(query));

    /// <summary>Every event with every word, ranked as articles are (title A; summary and place B).</summary>
    public static IQueryable<SearchHit> EventHits(KhoaGiaoDbContext db, SearchQuery query) =>
        db.Set<SearchHit>().FromSqlRaw(EventRank, RankParameters(query));

    /// <summary>Every person whose name has every word: the words in the order typed first.</summary>
    public static IQueryable<SearchHit> PersonHits(KhoaGiaoDbContext db, SearchQuery query) =>
        db.Set<SearchHit>().FromSqlRaw(PersonRank, RankParameters(query));

    /// <summary>
    /// The tiers' queries as parameters: <c>@match</c> (every word), <c>@title_phrase</c> and <c>@title_all</c> (in
    /// the title, weight A), <c>@head_phrase</c> and <c>@head_all</c> (in title or summary, A or B), <c>@whole</c> (every
    /// word, the last whole), <c>@exact</c> (the words typed with marks, null when none was).
    /// </summary>
    public static NpgsqlParameter[] RankParameters(SearchQuery query) =>
    [
        Match(query),
        new("title_phrase", NpgsqlDbType.Text) { Value = query.PhraseWeighted("A") },
        new("title_all", NpgsqlDbType.Text) { Value = query.AllWeighted("A") },
        new("head_phrase", NpgsqlDbType.Text) { Value = query.PhraseWeighted("AB") },
        new("head_all", NpgsqlDbType.Text) { Value = query.AllWeighted("AB") },
        new("whole", NpgsqlDbType.Text) { Value = query.Whole },
        new("exact", NpgsqlDbType.Text) { Value = (object?)query.Exact ?? DBNull.Value },
    ];

    private const string EventRank = """
        SELECT e.id,
               CASE WHEN e.search_vector @@ @title_phrase::tsquery THEN 0
                    WHEN e.search_vector @@ @title_all::tsquery THEN 1
                    WHEN e.search_vector @@ @head_phrase::tsquery THEN 2
                    ELSE 3 END AS tier,
               e.search_vector @@ @whole::tsquery AS whole,
               coalesce(e.search_exact @@ @exact::tsquery, false) AS exact
        FROM events e
        WHERE e.search_vector @@ @match::tsquery
        """;

    private const string PersonRank = """
        SELECT p.id,
               CASE WHEN p.search_vector @@ @title_phrase::tsquery THEN 0 ELSE 1 END AS tier,
               p.search_vector @@ @whole::tsquery AS whole,
               coalesce(p.search_exact @@ @exact::tsquery, false) AS exact
        FROM people p
        WHERE p.search_vector @@ @match::tsquery
        """;

    /// <summary>The query's words as the parameter <c>@match</c>, a tsquery in text.</summary>
    public static NpgsqlParameter Match(SearchQuery query) => new("match", NpgsqlDbType.Text) { Value = query.Match };
}
