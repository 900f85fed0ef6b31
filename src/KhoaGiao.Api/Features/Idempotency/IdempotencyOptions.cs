using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Features.Idempotency;

/// <summary>Settings of the <c>Idempotency</c> section: how long <c>Idempotency-Key</c>s are kept and trusted.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>
    /// Hours a key's first response is kept and replayed to retries. Past it the key is forgotten: a request with it
    /// runs again, and the record is deleted by the next purge.
    /// </summary>
    [Range(1, 720)]
    public int RetentionHours { get; set; } = 24;

    /// <summary>
    /// Seconds after which a key whose first request never finished is taken to belong to a crashed process, so a
    /// retry with the same request may take it over. Keep it above the longest a management request can take: a
    /// request still running past it could be run a second time.
    /// </summary>
    [Range(10, 86_400)]
    public int AbandonedAfterSeconds { get; set; } = 120;

    /// <summary>The longest purge interval accepted: a week (timers cannot wait much longer than 49 days).</summary>
    public const int MaxPurgeIntervalMinutes = 7 * 24 * 60;

    /// <summary>Minutes between purges of expired keys. Every instance purges; the delete is the same whoever runs it.</summary>
    [Range(1, MaxPurgeIntervalMinutes)]
    public int PurgeIntervalMinutes { get; set; } = 60;
}
