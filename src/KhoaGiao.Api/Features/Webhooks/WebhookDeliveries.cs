using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>A subscription's delivery log, a delivery sent again on request, and a test ping.</summary>
public static class WebhookDeliveries
{
    /// <summary>Most attempts a delivery's detail shows (the latest); twelve scheduled ones and redeliveries.</summary>
    public const int ShownAttempts = 50;

    public static async Task<Results<Ok<PageResponse<WebhookDeliveryResponse>>, ProblemHttpResult>> ListAsync(
        Guid id, [AsParameters] WebhookDeliveriesQuery query, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return ManageWebhooks.NotFound(id);
        }

        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        if (QueryEnum.Parse<WebhookDeliveryStatus>(query.Status) is { } status)
        {
            deliveries = deliveries.Where(d => d.Status == status);
        }

        return TypedResults.Ok(await deliveries.NewestFirstAsync(query.Cursor, query.Limit ?? Paging.MaxLimit, d => d.CreatedAt, d => d.Id,
            mapper.ConfigurationProvider, (WebhookDeliveryResponse d) => new Cursor(d.CreatedAt, d.Id), cancellationToken));
    }

    public static async Task<Results<Ok<WebhookDeliveryDetailResponse>, ProblemHttpResult>> GetAsync(
        Guid id, Guid deliveryId, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.AsNoTracking().Include(d => d.AttemptLog.OrderByDescending(a => a.At).Take(ShownAttempts))
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, cancellationToken);
        return delivery is null ? NotFound(deliveryId) : TypedResults.Ok(mapper.Map<WebhookDeliveryDetailResponse>(delivery));
    }

    /// <summary>Sends a delivery again now, whatever its state: one more attempt, with the same id and body.</summary>
    public static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> RedeliverAsync(
        Guid id, Guid deliveryId, KhoaGiaoDbContext db, IMapper mapper, WebhookWakeUp wakeUp, TimeProvider clock, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, cancellationToken);
        if (delivery is null)
        {
            return NotFound(deliveryId);
        }

        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.NextAttemptAt = clock.GetUtcNow();
        delivery.LeasedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        wakeUp.Poke();
        return TypedResults.Accepted($"/api/v1/admin/webhooks/{id}/deliveries/{deliveryId}", mapper.Map<WebhookDeliveryResponse>(delivery));
    }

    /// <summary>Queues a <c>webhook.test</c> delivery to the subscription, signed and logged like any other.</summary>
    public static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> TestAsync(
        Guid id, KhoaGiaoDbContext db, IMapper mapper, WebhookDispatcher dispatcher, WebhookWakeUp wakeUp, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return ManageWebhooks.NotFound(id);
        }

        var now = clock.GetUtcNow();
        var delivery = new WebhookDelivery
        {
            SubscriptionId = id,
            EventType = WebhookEventTypes.Test,
            CreatedAt = now,
            NextAttemptAt = now,
            Payload = dispatcher.Payload(WebhookEventTypes.Test, now, new { subscriptionId = id, url = subscription.Url }),
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        wakeUp.Poke();
        return TypedResults.Accepted($"/api/v1/admin/webhooks/{id}/deliveries/{delivery.Id}", mapper.Map<WebhookDeliveryResponse>(delivery));
    }

    private static ProblemHttpResult NotFound(Guid deliveryId) =>
        ProblemResults.NotFound($"Không có lần gửi với mã '{deliveryId}'.", $"No delivery with id '{deliveryId}'.");
}
