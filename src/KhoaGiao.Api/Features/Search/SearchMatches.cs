using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.People;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// Everything with every word of a query, found through the GIN index of its <c>search_vector</c> (migration
/// SearchIndex), to filter, order and project further. The ids come from an array, so that the planner reads them
/// through the index whatever else the query asks.
/// </summary>
public static class SearchMatches
{
    public static IQueryable<Article> Articles(KhoaGiaoDbContext db, SearchQuery query) =>
        db.Articles.FromSqlRaw(Sql("articles"), Match(query));

    public static IQueryable<Event> Events(KhoaGiaoDbContext db, SearchQuery query) =>
        db.Events.FromSqlRaw(Sql("events"), Match(query));

    public static IQueryable<Person> People(KhoaGiaoDbContext db, SearchQuery query) =>
        db.People.FromSqlRaw(Sql("people"), Match(query));

    /// <summary>The query's words as the parameter <c>@match</c>, a tsquery in text.</summary>
    public static NpgsqlParameter Match(SearchQuery query) => new("match", NpgsqlDbType.Text) { Value = query.Match };

    private static string Sql(string table) =>
        $"SELECT * FROM {table} WHERE id = ANY (ARRAY(SELECT id FROM {table} WHERE search_vector @@ @match::tsquery))";
}
