using AutoMapper;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Audit;

/// <summary>Query string of <c>GET /api/v1/admin/audit</c>.</summary>
public sealed record ListAuditEntriesQuery
{
    /// <summary>Only entries with this action, e.g. <c>login.failed</c>.</summary>
    /// <example>article.published</example>
    public string? Action { get; init; }

    /// <summary>Page size, 1–100 (default 50).</summary>
    /// <example>50</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }
}

public sealed class ListAuditEntriesQueryValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesQueryValidator()
    {
        RuleFor(q => q.Action).MaximumLength(64);
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        RuleFor(q => q.Cursor).MustBeCursor();
    }
}

/// <summary>One audit entry.</summary>
public sealed record AuditEntryResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d90</example>
    public Guid Id { get; init; }

    /// <example>2026-11-30T09:00:00+00:00</example>
    public DateTimeOffset At { get; init; }

    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d91</example>
    public string? ActorId { get; init; }

    /// <example>Biên tập viên Trần Thị Bình</example>
    public string? ActorName { get; init; }

    /// <example>article.published</example>
    public required string Action { get; init; }

    /// <example>article</example>
    public string? TargetType { get; init; }

    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public string? TargetId { get; init; }

    /// <example>publishedAt=2026-11-30T10:00:00Z</example>
    public string? Details { get; init; }
}

public static class ListAuditEntries
{
    public static async Task<Ok<PageResponse<AuditEntryResponse>>> HandleAsync(
        [AsParameters] ListAuditEntriesQuery query, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        return TypedResults.Ok(await entries.NewestFirstAsync(query.Cursor, query.Limit ?? 50, e => e.At, e => e.Id,
            mapper.ConfigurationProvider, (AuditEntryResponse e) => new Cursor(e.At, e.Id), cancellationToken));
    }
}
