using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using KhoaGiao.Api.Time;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

/// <summary>Query string of <c>GET /api/v1/events</c>.</summary>
public sealed record ListEventsQuery
{
    /// <summary>
    /// <c>upcoming</c>: starting now or later, soonest first. <c>past</c>: started before now, latest first.
    /// Omitted: all, latest first.
    /// </summary>
    [OpenApi.ValuesFrom(typeof(ListEventsQuery), nameof(ListEventsQuery.Whens))]
    public string? When { get; init; }

    /// <summary>Only this kind: <c>toaDam</c>, <c>hoiNghi</c>, <c>hoiThao</c>, <c>le</c>, <c>khac</c>.</summary>
    /// <example>toaDam</example>
    [OpenApi.ValuesFrom(typeof(EventKind))]
    public string? Kind { get; init; }

    /// <summary>Starting at or after this instant; without an offset, Asia/Ho_Chi_Minh time (<c>2023-08-01</c>).</summary>
    /// <example>2023-08-01T00:00:00+07:00</example>
    public VietnamTimestamp? From { get; init; }

    /// <summary>Starting before this instant; without an offset, Asia/Ho_Chi_Minh time.</summary>
    /// <example>2023-09-01T00:00:00+07:00</example>
    public VietnamTimestamp? To { get; init; }

    /// <summary>Only events held by this organisation (id).</summary>
    public Guid? Organiser { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    /// <example>20</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }

    /// <summary>The values of <see cref="When"/>.</summary>
    public static IReadOnlyList<string> Whens { get; } = ["upcoming", "past"];

    public bool Upcoming => string.Equals(When, "upcoming", StringComparison.OrdinalIgnoreCase);

    public bool Past => string.Equals(When, "past", StringComparison.OrdinalIgnoreCase);
}

public sealed class ListEventsQueryValidator : AbstractValidator<ListEventsQuery>
{
    public ListEventsQueryValidator()
    {
        RuleFor(q => q.When).Must((q, when) => when is null || q.Upcoming || q.Past)
            .WithMessage(_ => Localized.Text("when phải là upcoming hoặc past.", "when must be upcoming or past."));
        RuleFor(q => q.Kind).Must(kind => kind is null || QueryEnum.Parse<EventKind>(kind) is not null)
            .WithMessage(_ => Localized.Text(
                $"Loại sự kiện phải là một trong: {QueryEnum.Names<EventKind>()}.",
                $"The kind must be one of: {QueryEnum.Names<EventKind>()}."));
        RuleFor(q => q.To).Must((q, to) => to!.Value.CompareTo(q.From!.Value) > 0)
            .When(q => q.From is not null && q.To is not null)
            .WithMessage(_ => Localized.Text("'to' phải sau 'from'.", "'to' must be after 'from'."));
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        RuleFor(q => q.Cursor).MustBeCursor();
    }
}

public static class ListEvents
{
    public static async Task<Ok<PageResponse<EventListItemResponse>>> HandleAsync(
        [AsParameters] ListEventsQuery query, KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await PageAsync(db.Events.AsNoTracking().WherePublished(), query, mapper, clock.GetUtcNow(), cancellationToken));

    /// <summary>One page of events: filtered, sorted by start (ascending for upcoming), keyset-paged.</summary>
    public static async Task<PageResponse<EventListItemResponse>> PageAsync(
        IQueryable<Event> events, ListEventsQuery query, IMapper mapper, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (query.Upcoming)
        {
            events = events.Where(e => e.StartsAt >= now);
        }
        else if (query.Past)
        {
            events = events.Where(e => e.StartsAt < now);
        }

        if (QueryEnum.Parse<EventKind>(query.Kind) is { } kind)
        {
            events = events.Where(e => e.Kind == kind);
        }

        // Npgsql writes timestamptz parameters in UTC only.
        if (query.From?.ToUniversalTime() is { } from)
        {
            events = events.Where(e => e.StartsAt >= from);
        }

        if (query.To?.ToUniversalTime() is { } to)
        {
            events = events.Where(e => e.StartsAt < to);
        }

        if (query.Organiser is { } organiser)
        {
            events = events.Where(e => e.OrganiserId == organiser);
        }

        var hasCursor = Cursor.TryDecode(query.Cursor, out var after);
        if (query.Upcoming)
        {
            if (hasCursor)
            {
                events = events.Where(e => EF.Functions.GreaterThan(
                    ValueTuple.Create(e.StartsAt, e.Id), ValueTuple.Create(after.Position, after.Id)));
            }

            events = events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id);
        }
        else
        {
            if (hasCursor)
            {
                events = events.Where(e => EF.Functions.LessThan(
                    ValueTuple.Create(e.StartsAt, e.Id), ValueTuple.Create(after.Position, after.Id)));
            }

            events = events.OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id);
        }

        var limit = query.Limit ?? 20;
        var items = await events.Take(limit + 1)
            .ProjectTo<EventListItemResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);
        return Paging.Page(items, limit, i => new Cursor(i.StartsAt, i.Id).Encode());
    }
}
