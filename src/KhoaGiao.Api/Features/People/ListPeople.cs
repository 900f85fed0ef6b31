using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.People;

/// <summary>Query string of the people lists.</summary>
public sealed record ListPeopleQuery
{
    /// <summary>
    /// Words of the name in any order (the last may be the start of a word), insensitive to case, marks, đ/d and i/y:
    /// <c>dinh thi lua</c> finds "Đinh Thị Lụa", <c>thuy le van</c> finds "Lê Văn Thủy", <c>nguyen ky</c> finds
    /// "Nguyễn Thị Kỹ".
    /// </summary>
    /// <example>dinh thi lua</example>
    public string? Q { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    /// <example>20</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }
}

public sealed class ListPeopleQueryValidator : AbstractValidator<ListPeopleQuery>
{
    public ListPeopleQueryValidator()
    {
        RuleFor(q => q.Q).MaximumLength(PersonConfiguration.FullNameMaxLength);
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        RuleFor(q => q.Cursor).MustBeCursor(c => TextCursor.TryDecode(c, out _));
    }
}

public static class ListPeople
{
    public static async Task<Ok<PageResponse<PersonListItemResponse>>> HandleAsync(
        [AsParameters] ListPeopleQuery query, KhoaGiaoDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PageAsync(db, db.People.AsNoTracking().WherePublic(db), query, cancellationToken));

    /// <summary>One page of people by folded name, filtered by <see cref="ListPeopleQuery.Q"/>.</summary>
    public static async Task<PageResponse<PersonListItemResponse>> PageAsync(
        KhoaGiaoDbContext db, IQueryable<Person> people, ListPeopleQuery query, CancellationToken cancellationToken)
    {
        if (Search.SearchQuery.Parse(query.Q) is { } words)
        {
            var found = Search.SearchMatches.People(db, words).Select(p => p.Id);
            people = people.Where(p => found.Contains(p.Id));
        }

        if (TextCursor.TryDecode(query.Cursor, out var after))
        {
            people = people.Where(p => EF.Functions.GreaterThan(
                ValueTuple.Create(p.SearchName, p.Id), ValueTuple.Create(after.Position, after.Id)));
        }

        var limit = query.Limit ?? 20;
        var rows = await people
            .OrderBy(p => p.SearchName).ThenBy(p => p.Id)
            .Take(limit + 1)
            .Select(p => new { p.SearchName, p.Id, p.FullName, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new PersonListItemResponse { Id = r.Id, FullName = r.FullName, UpdatedAt = r.UpdatedAt }).ToList();
        var hasMore = rows.Count > limit;
        if (hasMore)
        {
            items.RemoveAt(limit);
        }

        var next = hasMore ? new TextCursor(rows[limit - 1].SearchName, rows[limit - 1].Id).Encode() : null;
        return new PageResponse<PersonListItemResponse>(items, next);
    }
}
