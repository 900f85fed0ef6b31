using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KhoaGiao.Api.Features.Sync;

/// <summary>
/// Removes tombstones older than <see cref="SyncOptions.TombstoneRetentionDays"/> and moves the horizon past them,
/// in one statement. Every instance runs it; concurrent runs delete disjoint rows and the horizon only moves forward.
/// </summary>
public sealed class ChangeLogPurger(
    IServiceScopeFactory scopes, IOptions<SyncOptions> options, TimeProvider clock, ILogger<ChangeLogPurger> logger)
    : PeriodicPurger(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes);

    protected override string Rows => "expired tombstones from the change log";

    protected override async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var now = Clock.GetUtcNow().ToUniversalTime();
        var cutoff = now.AddDays(-options.Value.TombstoneRetentionDays);
        // Run as a top-level statement: a data-modifying WITH cannot sit inside the subquery SqlQuery would wrap it in.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            WITH purged AS (
                DELETE FROM changes WHERE state = 'Deleted' AND changed_at < @cutoff
                RETURNING xid, seq),
            last AS (SELECT xid, seq FROM purged ORDER BY xid DESC, seq DESC LIMIT 1),
            horizon AS (
                INSERT INTO change_log_horizon (id, xid, seq, purged_at)
                SELECT {ChangeLogHorizon.SingletonId}, xid, seq, @now FROM last
                ON CONFLICT (id) DO UPDATE SET xid = excluded.xid, seq = excluded.seq, purged_at = excluded.purged_at
                WHERE (excluded.xid, excluded.seq) > (change_log_horizon.xid, change_log_horizon.seq))
            SELECT count(*)::int FROM purged
            """,
            connection);
        command.Parameters.AddWithValue("cutoff", cutoff);
        command.Parameters.AddWithValue("now", now);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
