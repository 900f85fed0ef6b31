using System.Diagnostics;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace KhoaGiao.Api.Features.Counters;

/// <summary>
/// Writes buffered hits every <see cref="CountersOptions.FlushIntervalMilliseconds"/>, one statement per batch, with
/// additive upserts so any number of API processes can count into one database without coordinating. When the
/// database is unavailable the batches are kept and retried with backoff; stopping the service flushes once more.
/// </summary>
public sealed class HitFlusher(
    HitBuffer buffer, IServiceScopeFactory scopes, IOptions<CountersOptions> options, TimeProvider clock, KhoaGiaoMetrics metrics,
    ILogger<HitFlusher> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan KeepActivity = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim _flushing = new(1, 1);
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    /// <summary>The current wait before the next attempt: the flush interval, doubled after each failure.</summary>
    public TimeSpan RetryAfter { get; private set; } = TimeSpan.FromMilliseconds(options.Value.FlushIntervalMilliseconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.FlushIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryAfter, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var written = await FlushAsync(stoppingToken);
            RetryAfter = written ? interval : TimeSpan.FromTicks(Math.Min(RetryAfter.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!await FlushAsync(cancellationToken))
        {
            logger.LogError("Stopping with {Entries} counter entries not written: the database was unavailable.", buffer.PendingEntries);
        }
    }

    /// <summary>Writes everything pending; false when the database refused and the batches were kept for later.</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var batches = buffer.TakeAll();
            var now = clock.GetUtcNow();
            buffer.ForgetOldViews(now);
            for (var i = 0; i < batches.Count; i++)
            {
                try
                {
                    await WriteAsync(batches[i], now, cancellationToken);
                    metrics.HitsFlushed(batches[i].Entries);
                }
                catch (Exception exception)
                {
                    // Whatever the database answered, the batches are kept: their ids make a retry safe.
                    logger.LogWarning(exception, "Could not write {Count} counter batches; keeping them to retry.", batches.Count - i);
                    buffer.ReturnFailed(batches.Skip(i));
                    metrics.FlushDuration(Stopwatch.GetElapsedTime(started), succeeded: false);
                    return false;
                }
            }

            try
            {
                await PruneAsync(now, cancellationToken);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not prune old visitor activity; will try again.");
            }

            metrics.FlushDuration(Stopwatch.GetElapsedTime(started), succeeded: true);
            return true;
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task WriteAsync(PendingHits batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var visits = batch.Visits.ToArray();
        var seen = batch.LastSeen.ToArray();
        var views = batch.ArticleViews.ToArray();
        await db.Database.ExecuteSqlRawAsync(
            FlushSql,
            [
                new NpgsqlParameter("flush_id", batch.Id),
                new NpgsqlParameter("now", now.ToUniversalTime()),
                new NpgsqlParameter("visit_days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = visits.Select(v => v.Day).ToArray() },
                new NpgsqlParameter("visit_visitors", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = visits.Select(v => v.Visitor).ToArray() },
                new NpgsqlParameter("seen_visitors", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = seen.Select(s => s.Key).ToArray() },
                new NpgsqlParameter("seen_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = seen.Select(s => s.Value.ToUniversalTime()).ToArray() },
                new NpgsqlParameter("view_visitors", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = views.Select(v => v.Key.Visitor).ToArray() },
                new NpgsqlParameter("view_articles", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = views.Select(v => v.Key.Article).ToArray() },
                new NpgsqlParameter("view_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = views.Select(v => v.Value.At.ToUniversalTime()).ToArray() },
                new NpgsqlParameter("view_days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = views.Select(v => v.Value.Day).ToArray() },
                new NpgsqlParameter("window", TimeSpan.FromMinutes(options.Value.ViewDedupeMinutes)),
            ],
            cancellationToken);
    }

    /// <summary>Drops activity no "online" window can need and batch ids no retry can repeat, once a minute.</summary>
    private async Task PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - _lastPrune < PruneEvery)
        {
            return;
        }

        _lastPrune = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var cutoff = (now - KeepActivity).ToUniversalTime();
        await db.VisitorActivity.Where(a => a.LastSeenAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var counted = (now - TimeSpan.FromMinutes(options.Value.ViewDedupeMinutes)).ToUniversalTime();
        await db.CountedViews.Where(v => v.CountedAt < counted).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CounterFlush>().Where(f => f.FlushedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    // One statement: record the batch id, then (only if that was new) add the visits of new visitor-days to the
    // daily totals, the visitors' last-seen times, and the views that count to their day buckets and totals. A view
    // counts when no instance counted the same visitor's view of the article within the dedupe window before it:
    // counted_views holds the last counted one, and two instances' flushes of the same view queue on its row, the
    // second then seeing the first's. Every table's rows are written in key order, so two flushes lock them in the same
    // order.
    // Views of articles deleted since the hit are dropped rather than failing the whole batch on a foreign key.
    private const string FlushSql = """
        WITH f AS (
            INSERT INTO counter_flushes (id, flushed_at) VALUES (@flush_id, @now)
            ON CONFLICT DO NOTHING RETURNING id
        ), new_visits AS (
            INSERT INTO visitor_days (day, visitor_id)
            SELECT v.day, v.visitor_id FROM unnest(@visit_days, @visit_visitors) AS v(day, visitor_id), f
            ORDER BY v.day, v.visitor_id
            ON CONFLICT DO NOTHING RETURNING day
        ), visits AS (
            INSERT INTO daily_visits (day, visits)
            SELECT day, count(*) FROM new_visits GROUP BY day
            ON CONFLICT (day) DO UPDATE SET visits = daily_visits.visits + excluded.visits
        ), counted AS (
            INSERT INTO counted_views AS c (visitor_id, article_id, counted_at, day)
            SELECT x.visitor_id, x.article_id, x.counted_at, x.day
            FROM unnest(@view_visitors, @view_articles, @view_at, @view_days) AS x(visitor_id, article_id, counted_at, day), f
            WHERE EXISTS (SELECT 1 FROM articles a WHERE a.id = x.article_id)
            ORDER BY x.visitor_id, x.article_id
            ON CONFLICT (visitor_id, article_id) DO UPDATE SET counted_at = excluded.counted_at, day = excluded.day
            WHERE c.counted_at <= excluded.counted_at - @window
            RETURNING c.article_id, c.day
        ), article_days AS (
            INSERT INTO article_view_days (article_id, day, views)
            SELECT article_id, day, count(*) FROM counted GROUP BY article_id, day ORDER BY article_id, day
            ON CONFLICT (article_id, day) DO UPDATE SET views = article_view_days.views + excluded.views
        ), article_totals AS (
            INSERT INTO article_view_totals (article_id, views)
            SELECT article_id, count(*) FROM counted GROUP BY article_id ORDER BY article_id
            ON CONFLICT (article_id) DO UPDATE SET views = article_view_totals.views + excluded.views
        ), activity AS (
            INSERT INTO visitor_activity (visitor_id, last_seen_at)
            SELECT s.visitor_id, s.last_seen_at FROM unnest(@seen_visitors, @seen_at) AS s(visitor_id, last_seen_at), f
            ORDER BY s.visitor_id
            ON CONFLICT (visitor_id) DO UPDATE SET last_seen_at = GREATEST(visitor_activity.last_seen_at, excluded.last_seen_at)
        )
        SELECT count(*) FROM f
        """;
}
