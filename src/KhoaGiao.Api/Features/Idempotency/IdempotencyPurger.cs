using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Idempotency;

/// <summary>
/// Deletes expired idempotency keys now and then. Every instance runs it: the delete removes the same rows whoever
/// runs it, so no instance has to be chosen.
/// </summary>
public sealed class IdempotencyPurger(
    IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyPurger> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
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
                // Expired keys are never replayed (a claim takes them over), so a missed purge only leaves rows a
                // little longer; the next pass deletes them.
                logger.LogWarning(exception, "Purging expired idempotency keys failed; retrying at the next pass.");
            }
        }
    }

    /// <summary>Deletes the keys older than the retention; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var purged = await scope.ServiceProvider.GetRequiredService<IdempotencyKeys>().PurgeExpiredAsync(cancellationToken);
        if (purged > 0)
        {
            logger.LogInformation("Purged {Count} expired idempotency keys.", purged);
        }

        return purged;
    }
}
