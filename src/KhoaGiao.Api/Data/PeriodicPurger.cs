namespace KhoaGiao.Api.Data;

/// <summary>
/// Deletes expired rows every <see cref="Interval"/> on every instance: the delete removes the same rows whoever runs
/// it, so no instance has to be chosen. A failed pass is logged and the next one deletes what it left.
/// </summary>
public abstract class PeriodicPurger(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The clock the passes are timed by, and expiry is judged by.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>The time between two passes (validated at start-up to fit a timer).</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the pass deletes, for the log: "expired idempotency keys".</summary>
    protected abstract string Rows { get; }

    /// <summary>Deletes the expired rows now; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var purged = await DeleteExpiredAsync(cancellationToken);
        if (purged > 0)
        {
            logger.LogInformation("Purged {Count} {Rows}.", purged, Rows);
        }

        return purged;
    }

    /// <summary>The one delete of a pass; returns how many rows it removed.</summary>
    protected abstract Task<int> DeleteExpiredAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, Clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Purging {Rows} failed; retrying at the next pass.", Rows);
            }
        }
    }
}
