using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>
/// Sends the outbox. Every instance runs one: it claims due deliveries (<c>FOR UPDATE SKIP LOCKED</c>, then a lease,
/// so no delivery is sent by two instances at once and a crashed sender's claim lapses), fixes each one's body at its
/// first attempt, signs and posts it, and records the attempt. A delivery waits while an earlier one about the same item
/// for the same subscription is still pending, so a receiver gets an item's events in change order. It wakes on every
/// committed change (<see cref="WebhookWakeUp"/>) and otherwise looks every <see cref="WebhooksOptions.PollMilliseconds"/>.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory clients, WebhookSecrets secrets, WebhookWakeUp wakeUp, IOptions<WebhooksOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, KhoaGiaoMetrics metrics, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string ClientName = "webhooks";

    /// <summary>Most bytes of a receiver's answer read; the rest is dropped.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>How often each instance deletes finished deliveries past <see cref="WebhooksOptions.RetentionDays"/>.</summary>
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var idle = TimeSpan.FromMilliseconds(settings.PollMilliseconds);
        var purged = TimeSpan.Zero;
        var running = Stopwatch.StartNew();

        // Each send holds a slot until its attempt is recorded; the loop claims as many deliveries as slots are free,
        // so a slow receiver holds one slot, not the others' deliveries.
        using var slots = new SemaphoreSlim(settings.Concurrency, settings.Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            var held = 0;
            try
            {
                if (running.Elapsed >= purged)
                {
                    await PurgeAsync(stoppingToken);
                    purged = running.Elapsed + PurgeInterval;
                }

                await slots.WaitAsync(stoppingToken);
                held = 1;
                while (slots.Wait(0))
                {
                    held++;
                }

                var claimed = await ClaimAsync(held, stoppingToken);
                foreach (var (delivery, subscription) in claimed)
                {
                    held--;
                    _ = SendAndRecordAsync(delivery, subscription, slots, stoppingToken);
                }

                if (held > 0)
                {
                    slots.Release(held);
                    held = 0;
                }

                if (claimed.Count == 0)
                {
                    await wakeUp.WaitAsync(idle, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (held > 0)
                {
                    slots.Release(held);
                }

                break;
            }
            catch (Exception exception)
            {
                if (held > 0)
                {
                    slots.Release(held);
                }

                logger.LogWarning(exception, "Sending webhooks failed; trying again shortly.");
                await wakeUp.WaitAsync(idle, stoppingToken);
            }
        }

        // Stopping: the sends still out are cancelled; wait until each has handed its slot back, so none outlives the
        // service (a cancelled send's lease lapses and an instance still running sends it).
        for (var returned = 0; returned < settings.Concurrency; returned++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }
    }

    /// <summary>Deletes the deliveries (and their attempts) that succeeded or failed more than the retention ago.</summary>
    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        await db.WebhookDeliveries.Where(d => d.Status != WebhookDeliveryStatus.Pending && d.CreatedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Claims up to <paramref name="most"/> deliveries due now, each with its subscription and its body fixed.</summary>
    private async Task<List<(WebhookDelivery Delivery, WebhookSubscription Subscription)>> ClaimAsync(int most, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var now = clock.GetUtcNow();
        var leasedUntil = now.AddSeconds(options.Value.TimeoutSeconds + 60);
        var claimed = await db.WebhookDeliveries.FromSql($"""
            UPDATE webhook_deliveries SET leased_until = {leasedUntil}
            WHERE id = ANY(ARRAY(
                SELECT d.id FROM webhook_deliveries AS d
                JOIN webhook_subscriptions AS s ON s.id = d.subscription_id AND s.enabled
                WHERE d.status = 'Pending' AND d.next_attempt_at <= {now} AND (d.leased_until IS NULL OR d.leased_until < {now})
                  AND NOT EXISTS (
                      SELECT 1 FROM webhook_deliveries AS e
                      WHERE e.subscription_id = d.subscription_id AND e.item_type = d.item_type AND e.item_id = d.item_id
                        AND e.status = 'Pending' AND e.position < d.position)
                ORDER BY d.next_attempt_at, d.position
                LIMIT {most}
                FOR UPDATE OF d SKIP LOCKED))
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return [];
        }

        try
        {
            var ids = claimed.Select(d => d.SubscriptionId).Distinct().ToList();
            var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
            await FixPayloadsAsync(db, scope.ServiceProvider.GetRequiredService<ChangeFeed>(), claimed, cancellationToken);
            return [.. claimed.Select(d => (d, subscriptions[d.SubscriptionId]))];
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Hand the claim back at once rather than when the lease lapses.
            var claimedIds = claimed.Select(d => d.Id).ToList();
            await db.WebhookDeliveries.Where(d => claimedIds.Contains(d.Id))
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.LeasedUntil, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
    }

    private async Task SendAndRecordAsync(WebhookDelivery delivery, WebhookSubscription subscription, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await SendAsync(delivery, subscription, cancellationToken);
            await RecordAsync(delivery, outcome, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The lease lapses and another look sends it again.
            logger.LogWarning(exception, "Recording webhook delivery {DeliveryId} failed.", delivery.Id);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the lease lapses and an instance still running sends it.
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Gives every first attempt its body (the event and the item as the delta feed shows it now) and stores it.</summary>
    private async Task FixPayloadsAsync(KhoaGiaoDbContext db, ChangeFeed feed, List<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        var unfixed = deliveries.Where(d => d.Payload is null && d.ItemType is not null && d.ItemId is not null).ToList();
        if (unfixed.Count == 0)
        {
            return;
        }

        var items = await feed.CurrentAsync([.. unfixed.Select(d => (d.ItemType!.Value, d.ItemId!.Value))], cancellationToken);
        foreach (var delivery in unfixed)
        {
            var data = items.GetValueOrDefault((delivery.ItemType!.Value, delivery.ItemId!.Value));
            delivery.Payload = Payload(delivery.EventType, delivery.CreatedAt, data);
            await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.Payload == null)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.Payload, delivery.Payload), cancellationToken);
        }
    }

    /// <summary>The Standard Webhooks body: <c>type</c>, <c>timestamp</c> (when the change was recorded) and <c>data</c>.</summary>
    public string Payload(string eventType, DateTimeOffset at, object? data) =>
        JsonSerializer.Serialize(new WebhookPayload { Type = eventType, Timestamp = at, Data = data }, json.Value.SerializerOptions);

    private async Task<Outcome> SendAsync(WebhookDelivery delivery, WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        // The receiver checks webhook-timestamp against its own wall clock to refuse replays, so it is the real time of
        // the send even where the service's clock is another (the tests move theirs by days).
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var id = delivery.Id.ToString();
        var keys = subscription.PreviousSecret is { } previous && subscription.PreviousSecretExpiresAt > at
            ? [subscription.Secret, previous]
            : new[] { subscription.Secret };
        var signature = secrets.Signature(id, timestamp, delivery.Payload!, keys);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload!, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        request.Headers.UserAgent.ParseAdd("KhoaGiao-Webhooks/1");

        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            return new Outcome(at, (int)response.StatusCode, null, watch.Elapsed, excerpt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(at, null, $"No answer within {options.Value.TimeoutSeconds} s.", watch.Elapsed, null);
        }
        catch (HttpRequestException exception)
        {
            var refused = exception.InnerException as DestinationRefusedException;
            return new Outcome(at, null, refused?.Message ?? exception.Message, watch.Elapsed, null);
        }
        catch (DestinationRefusedException exception)
        {
            return new Outcome(at, null, exception.Message, watch.Elapsed, null);
        }
    }

    /// <summary>Reads at most <see cref="MaxResponseBytes"/> of the answer and keeps its first kilobyte as text.</summary>
    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += count;
        }

        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, Math.Min(read, WebhookAttemptConfiguration.ExcerptBytes));
    }

    /// <summary>
    /// Records the attempt and what follows from it: success; 410 Gone, which disables the subscription; or another try
    /// by <see cref="WebhookSchedule"/>, the delivery failing when none is left and the subscription disabled once it has
    /// failed everything for <see cref="WebhooksOptions.DisableAfterFailingDays"/> days.
    /// </summary>
    private async Task RecordAsync(WebhookDelivery delivery, Outcome outcome, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var succeeded = outcome.StatusCode is >= 200 and < 300;
        var status = WebhookDeliveryStatus.Pending;
        var next = delivery.NextAttemptAt;
        if (succeeded)
        {
            status = WebhookDeliveryStatus.Succeeded;
            await db.WebhookSubscriptions.Where(s => s.Id == delivery.SubscriptionId && s.FailingSince != null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.FailingSince, (DateTimeOffset?)null), cancellationToken);
        }
        else if (outcome.StatusCode == StatusCodes.Status410Gone)
        {
            status = WebhookDeliveryStatus.Failed;
            await DisableAsync(db, audit, delivery.SubscriptionId, "410 Gone", cancellationToken);
        }
        else
        {
            if (WebhookSchedule.After(attempts) is { } wait)
            {
                next = now + wait;
            }
            else
            {
                status = WebhookDeliveryStatus.Failed;
            }

            var failingSince = await db.Database.SqlQuery<DateTimeOffset>($"""
                UPDATE webhook_subscriptions SET failing_since = COALESCE(failing_since, {outcome.At})
                WHERE id = {delivery.SubscriptionId} RETURNING failing_since AS "Value"
                """).ToListAsync(cancellationToken);
            var days = options.Value.DisableAfterFailingDays;
            if (failingSince.Count == 1 && failingSince[0] <= now.AddDays(-days))
            {
                await DisableAsync(db, audit, delivery.SubscriptionId, $"failed every delivery for {days} days", cancellationToken);
            }
        }

        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            At = outcome.At,
            StatusCode = outcome.StatusCode,
            Error = outcome.Error is { Length: > 500 } message ? message[..500] : outcome.Error,
            DurationMilliseconds = (int)outcome.Duration.TotalMilliseconds,
            ResponseExcerpt = outcome.Excerpt,
        });
        await db.SaveChangesAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(d => d
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.Attempts, attempts)
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.LastAttemptAt, outcome.At)
            .SetProperty(x => x.LeasedUntil, (DateTimeOffset?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.WebhookAttempted(succeeded ? WebhookAttemptOutcome.Delivered
            : status == WebhookDeliveryStatus.Failed ? WebhookAttemptOutcome.Failed
            : WebhookAttemptOutcome.Retrying);
        if (succeeded)
        {
            // The item's next delivery, if any, may go now.
            wakeUp.Poke();
        }
    }

    private static async Task DisableAsync(KhoaGiaoDbContext db, AuditLog audit, Guid subscriptionId, string reason, CancellationToken cancellationToken)
    {
        if (await db.WebhookSubscriptions.Where(s => s.Id == subscriptionId && s.Enabled)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Enabled, false).SetProperty(x => x.DisabledReason, reason), cancellationToken) == 1)
        {
            audit.Add("webhook.disabled", "webhook", subscriptionId, reason);
        }
    }

    private sealed record Outcome(DateTimeOffset At, int? StatusCode, string? Error, TimeSpan Duration, string? Excerpt);
}

/// <summary>The body of every webhook (Standard Webhooks' recommended shape).</summary>
public sealed record WebhookPayload
{
    /// <summary>The event: <c>article.published</c>, <c>article.updated</c>, <c>article.unpublished</c>, <c>article.deleted</c>, the same for <c>event</c> and <c>person</c>, or <c>webhook.test</c>.</summary>
    /// <example>article.published</example>
    public required string Type { get; init; }

    /// <summary>When the change was recorded.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The item's entry as the delta feed gives it (<c>op</c> <c>delete</c> without <c>item</c> once it is gone from public view); for a test, the subscription.</summary>
    public object? Data { get; init; }
}
