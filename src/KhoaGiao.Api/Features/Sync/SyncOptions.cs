using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Features.Sync;

/// <summary>Settings of the <c>Sync</c> section: the change log and the delta feed.</summary>
public sealed class SyncOptions
{
    /// <summary>
    /// Days a tombstone (an item deleted or merged away) stays in the change log. A client resuming the feed from a
    /// position older than the oldest purged tombstone gets 410 and must resync from the start.
    /// </summary>
    [Range(1, 3650)]
    public int TombstoneRetentionDays { get; set; } = 90;

    /// <summary>The longest purge interval accepted: a week (timers cannot wait much longer than 49 days).</summary>
    public const int MaxPurgeIntervalMinutes = 7 * 24 * 60;

    /// <summary>Minutes between two purges of expired tombstones (any instance may run one; they do not clash).</summary>
    [Range(1, MaxPurgeIntervalMinutes)]
    public int PurgeIntervalMinutes { get; set; } = 60;

    /// <summary>Seconds the change listener waits for a notification before it checks that its connection is alive.</summary>
    [Range(1, 3600)]
    public int ListenerKeepAliveSeconds { get; set; } = 30;
}
