using System.Linq.Expressions;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Query string of the lists keyed by text or number (categories, tags, organisations, accounts, an article's
/// revisions): page size and cursor.
/// </summary>
public sealed record PageQuery
{
    /// <summary>Page size, 1–100 (default 100).</summary>
    /// <example>100</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }
}

public sealed class PageQueryValidator : AbstractValidator<PageQuery>
{
    public PageQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(q => q.Cursor).MustBeCursor(c => TextCursor.TryDecode(c, out _));
    }
}

/// <summary>Query string of the lists newest first by a timestamp (API keys): page size and cursor.</summary>
public sealed record TimePageQuery
{
    /// <summary>Page size, 1–100 (default 100).</summary>
    /// <example>100</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }
}

public sealed class TimePageQueryValidator : AbstractValidator<TimePageQuery>
{
    public TimePageQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(q => q.Cursor).MustBeCursor();
    }
}

/// <summary>Keyset paging shared by the lists: fetch one item more than the page, and cut it.</summary>
public static class Paging
{
    /// <summary>The largest page any list but the delta feed gives.</summary>
    public const int MaxLimit = 100;

    /// <summary>Cuts the one extra item fetched to learn whether another page exists; the cursor names the page's last item.</summary>
    public static PageResponse<T> Page<T>(List<T> items, int limit, Func<T, string> cursorOf)
    {
        if (items.Count <= limit)
        {
            return new PageResponse<T>(items, null);
        }

        items.RemoveAt(limit);
        return new PageResponse<T>(items, cursorOf(items[^1]));
    }

    /// <summary>
    /// A page of <paramref name="items"/> newest first by (<paramref name="time"/>, <paramref name="id"/>), after the item
    /// <paramref name="cursor"/> names (a <see cref="Cursor"/>), projected to <typeparamref name="TResponse"/>; the next
    /// cursor names the page's last item by <paramref name="keyOf"/>.
    /// </summary>
    public static async Task<PageResponse<TResponse>> NewestFirstAsync<TEntity, TResponse>(
        this IQueryable<TEntity> items, string? cursor, int limit, Expression<Func<TEntity, DateTimeOffset>> time,
        Expression<Func<TEntity, Guid>> id, AutoMapper.IConfigurationProvider mapping, Func<TResponse, Cursor> keyOf,
        CancellationToken cancellationToken)
    {
        if (Cursor.TryDecode(cursor, out var after))
        {
            items = items.Where(Before(time, id, after));
        }

        var page = await items.OrderByDescending(time).ThenByDescending(id).Take(limit + 1)
            .ProjectTo<TResponse>(mapping)
            .ToListAsync(cancellationToken);
        return Page(page, limit, item => keyOf(item).Encode());
    }

    /// <summary>(time, id) &lt; the cursor's, as one row comparison the (time, id) indexes serve.</summary>
    private static Expression<Func<TEntity, bool>> Before<TEntity>(
        Expression<Func<TEntity, DateTimeOffset>> time, Expression<Func<TEntity, Guid>> id, Cursor after)
    {
        Expression<Func<DateTimeOffset, Guid, Cursor, bool>> rule =
            (t, i, c) => EF.Functions.LessThan(ValueTuple.Create(t, i), ValueTuple.Create(c.Position, c.Id));
        var entity = time.Parameters[0];
        return Expression.Lambda<Func<TEntity, bool>>(
            rule.Splice(time.Body, id.Splice(entity), QueryExpressions.Parameter(after)), entity);
    }
}
