using AutoMapper;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

/// <summary>Query string of <c>GET /api/v1/admin/events</c>: the delivery filters plus <c>status</c>.</summary>
public sealed record AdminListEventsQuery
{
    /// <summary>Only events in this status: <c>draft</c> or <c>published</c>.</summary>
    [OpenApi.ValuesFrom(typeof(EventStatus))]
    public string? Status { get; init; }

    /// <inheritdoc cref="ListEventsQuery.When"/>
    /// <example>upcoming</example>
    [OpenApi.ValuesFrom(typeof(ListEventsQuery), nameof(ListEventsQuery.Whens))]
    public string? When { get; init; }

    /// <inheritdoc cref="ListEventsQuery.Kind"/>
    /// <example>toaDam</example>
    [OpenApi.ValuesFrom(typeof(EventKind))]
    public string? Kind { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    /// <example>20</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }

    public ListEventsQuery Filters => new() { When = When, Kind = Kind, Limit = Limit, Cursor = Cursor };
}

public sealed class AdminListEventsQueryValidator : AbstractValidator<AdminListEventsQuery>
{
    public AdminListEventsQueryValidator()
    {
        RuleFor(q => q.Status).Must(status => status is null || QueryEnum.Parse<EventStatus>(status) is not null)
            .WithMessage(_ => Localized.Text(
                $"Trạng thái phải là một trong: {QueryEnum.Names<EventStatus>()}.",
                $"The status must be one of: {QueryEnum.Names<EventStatus>()}."));
        RuleFor(q => q.Filters).SetValidator(new ListEventsQueryValidator()).OverridePropertyName("");
    }
}

public static class AdminListEvents
{
    public static async Task<Ok<PageResponse<EventListItemResponse>>> HandleAsync(
        [AsParameters] AdminListEventsQuery query, KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var events = db.Events.AsNoTracking();
        if (QueryEnum.Parse<EventStatus>(query.Status) is { } status)
        {
            events = events.Where(e => e.Status == status);
        }

        return TypedResults.Ok(await ListEvents.PageAsync(events, query.Filters, mapper, clock.GetUtcNow(), cancellationToken));
    }
}
