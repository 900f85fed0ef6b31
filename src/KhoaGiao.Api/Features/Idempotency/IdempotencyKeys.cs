using KhoaGiao.Api.Data;
using KhoaGiao.Api.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Idempotency;

/// <summary>
/// The idempotency keys of management POSTs, kept in the database so that every instance of the service sees the
/// same keys: a retry may reach another instance than the first request did.
/// </summary>
public sealed class IdempotencyKeys(KhoaGiaoDbContext db, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    // A key can vanish between the claim and the read that follows it (its request failed and released it, or a
    // purge ran); the claim is then simply made again.
    private const int ClaimAttempts = 3;

    private TimeSpan Retention => TimeSpan.FromHours(options.Value.RetentionHours);

    /// <summary>
    /// Claims the key for a request with this hash, or reports what holds it: the same request finished (replay),
    /// still running, or a different request.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(string caller, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            var now = Now();
            var expiredBefore = now - Retention;
            var abandonedBefore = now - TimeSpan.FromSeconds(options.Value.AbandonedAfterSeconds);

            // One statement claims a free key, or takes over an expired one or the abandoned claim of the same
            // request. Of two requests racing for a key, on any instances, one inserts; the other's update finds the
            // row the first just wrote, neither expired nor abandoned, and changes nothing. No check-then-insert.
            var claimed = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO idempotency_keys AS k (caller, key, request_hash, created_at)
                VALUES ({caller}, {key}, {requestHash}, {now})
                ON CONFLICT (caller, key) DO UPDATE SET
                    request_hash = excluded.request_hash, created_at = excluded.created_at, status_code = NULL,
                    content_type = NULL, location = NULL, e_tag = NULL, body = NULL, completed_at = NULL
                WHERE k.created_at < {expiredBefore}
                   OR (k.status_code IS NULL AND k.created_at < {abandonedBefore} AND k.request_hash = excluded.request_hash)
                """, cancellationToken);
            if (claimed == 1)
            {
                return new IdempotencyClaim.Claimed(caller, key, now);
            }

            var held = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken);
            if (held is not null)
            {
                return !held.RequestHash.AsSpan().SequenceEqual(requestHash) ? new IdempotencyClaim.Mismatch()
                    : held.StatusCode is null ? new IdempotencyClaim.Running()
                    : new IdempotencyClaim.Completed(held);
            }
        }

        // Claimed and released by others on every attempt: requests with this key are in flight right now.
        return new IdempotencyClaim.Running();
    }

    /// <summary>
    /// Keeps the response of the claimed request for replay. Only the claim made at <see cref="IdempotencyClaim.Claimed.At"/>
    /// is completed: if this request ran past the abandonment time and a retry took the key over, the key is the retry's.
    /// </summary>
    public Task CompleteAsync(IdempotencyClaim.Claimed claim, int statusCode, string? contentType, string? location, string? eTag,
        byte[] body, CancellationToken cancellationToken)
    {
        var completedAt = Now();
        return Held(claim).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.StatusCode, statusCode)
            .SetProperty(x => x.ContentType, contentType)
            .SetProperty(x => x.Location, location)
            .SetProperty(x => x.ETag, eTag)
            .SetProperty(x => x.Body, body)
            .SetProperty(x => x.CompletedAt, completedAt), cancellationToken);
    }

    /// <summary>Gives the key up, so that a retry runs the request again (after a failure that changed nothing).</summary>
    public Task ReleaseAsync(IdempotencyClaim.Claimed claim, CancellationToken cancellationToken) =>
        Held(claim).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Deletes the keys older than the retention; returns how many.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var expiredBefore = Now() - Retention;
        return db.IdempotencyRecords.Where(r => r.CreatedAt < expiredBefore).ExecuteDeleteAsync(cancellationToken);
    }

    private IQueryable<IdempotencyRecord> Held(IdempotencyClaim.Claimed claim) => db.IdempotencyRecords.Where(r =>
        r.Caller == claim.Caller && r.Key == claim.Key && r.CreatedAt == claim.At && r.StatusCode == null);

    // PostgreSQL keeps microseconds: the claim's time is compared with the stored one, so it must survive the trip.
    private DateTimeOffset Now() => clock.GetUtcNow().AsStored();
}
