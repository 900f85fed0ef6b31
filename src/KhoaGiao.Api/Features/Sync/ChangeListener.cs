using KhoaGiao.Api.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KhoaGiao.Api.Features.Sync;

/// <summary>
/// Keeps this instance's caches following the change log: one connection per process <c>LISTEN</c>s on
/// <see cref="ChangeLog.Channel"/>, which every transaction that records a change notifies when it commits, and each
/// notification evicts the delivery cache; it also <c>LISTEN</c>s on <see cref="ChangeLog.WebhookChannel"/>, notified
/// by the transactions that queued webhook deliveries, and wakes the webhook dispatcher. After a lost connection it
/// does both once more on reconnecting, since notifications sent meanwhile are gone.
/// </summary>
public sealed class ChangeListener(
    IConfiguration configuration, DeliveryCacheEviction eviction, Webhooks.WebhookWakeUp webhooks, IOptions<SyncOptions> options,
    ILogger<ChangeListener> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first <c>LISTEN</c> is in place.</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DataServices.ConnectionStringName))
        {
            // Notifications arrive on this connection only: it must not be shared through the pool.
            Pooling = false,
            ApplicationName = "khoagiao-change-listener",
        }.ConnectionString;
        var idle = TimeSpan.FromSeconds(options.Value.ListenerKeepAliveSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                var (changed, queued) = (false, false);
                connection.Notification += (_, notification) =>
                {
                    if (notification.Channel == ChangeLog.WebhookChannel)
                    {
                        queued = true;
                    }
                    else
                    {
                        changed = true;
                    }
                };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeLog.Channel}; LISTEN {ChangeLog.WebhookChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                await eviction.EvictAsync(stoppingToken);
                webhooks.Poke();
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (await connection.WaitAsync(idle, stoppingToken))
                    {
                        if (changed)
                        {
                            changed = false;
                            await eviction.EvictAsync(stoppingToken);
                        }

                        if (queued)
                        {
                            queued = false;
                            webhooks.Poke();
                        }
                    }
                    else
                    {
                        // Nothing heard for a while: make sure the connection is still there.
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Lost the change notification connection; reconnecting.");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }
}
