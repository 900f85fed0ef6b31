using KhoaGiao.Api.Data;
using KhoaGiao.Api.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Counters;

/// <summary>"Thống kê truy cập": visitor statistics that never contradict each other.</summary>
public sealed record VisitorStatsResponse
{
    /// <summary>"Đang online": distinct visitors with a hit in the last few minutes.</summary>
    /// <example>12</example>
    public long Online { get; init; }

    /// <summary>"Hôm nay": visits today (Asia/Ho_Chi_Minh).</summary>
    /// <example>356</example>
    public long Today { get; init; }

    /// <summary>"Trong tuần": visits since Monday 00:00 (Asia/Ho_Chi_Minh).</summary>
    /// <example>2104</example>
    public long ThisWeek { get; init; }

    /// <summary>"Tất cả": all visits, plus the configured starting offset.</summary>
    /// <example>1520377</example>
    public long Total { get; init; }

    /// <summary>When these numbers were read.</summary>
    /// <example>2026-11-30T09:15:02+00:00</example>
    public DateTimeOffset AsOf { get; init; }
}

public static class GetVisitorStats
{
    private sealed record Row(long Online, long Today, long ThisWeek, long Total);

    public static async Task<Ok<VisitorStatsResponse>> HandleAsync(
        KhoaGiaoDbContext db, IOptions<CountersOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = VietnamTime.DateOf(now);
        var monday = VietnamTime.WeekStart(today);
        var onlineSince = (now - TimeSpan.FromMinutes(options.Value.OnlineWindowMinutes)).ToUniversalTime();

        // One statement, one snapshot: today ≤ this week ≤ total holds in every answer, midnight and Monday included.
        var row = await db.Database.SqlQuery<Row>($"""
            SELECT
                (SELECT count(*) FROM visitor_activity WHERE last_seen_at > {onlineSince}) AS online,
                COALESCE((SELECT sum(visits) FROM daily_visits WHERE day = {today}), 0)::bigint AS today,
                COALESCE((SELECT sum(visits) FROM daily_visits WHERE day >= {monday}), 0)::bigint AS this_week,
                COALESCE((SELECT sum(visits) FROM daily_visits), 0)::bigint AS total
            """).SingleAsync(cancellationToken);
        return TypedResults.Ok(new VisitorStatsResponse
        {
            Online = row.Online,
            Today = row.Today,
            ThisWeek = row.ThisWeek,
            Total = row.Total + options.Value.TotalVisitsOffset,
            AsOf = now,
        });
    }
}
