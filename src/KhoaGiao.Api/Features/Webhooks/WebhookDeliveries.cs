using AutoMapper;
using AutoMapper.QueryableExtensions;
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

        if (Cursor.TryDecode(query.Cursor, out var after))
        {
            deliveries = deliveries.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.CreatedAt, d.Id), ValueTuple.Create(after.Position, after.Id)));
        }

        var limit = query.Limit ?? Paging.MaxLimit;
        var items = await deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit + 1)
            .ProjectTo<WebhookDeliveryResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.Page(items, limit, d => new Cursor(d.CreatedAt, d.Id).Encode()));
    }

    public static async Task<Results<Ok<WebhookDeliveryDetailResponse>, ProblemHttpResult>> GetAsync(
        Guid id, Guid deliveryId, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.AsNoTracking().Include(d => d.AttemptLog.OrderByDescending(a => a.At).Take(ShownAttempts))
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, cancellationToken);
        return delivery is null ? NotFound(deliveryId) : TypedResults.Ok(Detail(delivery, mapper));
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

    private static WebhookDeliveryDetailResponse Detail(WebhookDelivery delivery, IMapper mapper)
    {
        var summary = mapper.Map<WebhookDeliveryResponse>(delivery);
        return new WebhookDeliveryDetailResponse
        {
            Id = summary.Id,
            EventType = summary.EventType,
            ItemType = summary.ItemType,
            ItemId = summary.ItemId,
            Status = summary.Status,
            Attempts = summary.Attempts,
            CreatedAt = summary.CreatedAt,
            NextAttemptAt = summary.NextAttemptAt,
            LastAttemptAt = summary.LastAttemptAt,
            Payload = delivery.Payload is null ? null : System.Text.Json.JsonDocument.Parse(delivery.Payload).RootElement.Clone(),
            AttemptLog = [.. delivery.AttemptLog.OrderBy(a => a.At).Select(mapper.Map<WebhookAttemptResponse>)],
        };
    }

    private static ProblemHttpResult NotFound(Guid deliveryId) =>
        ProblemResults.NotFound($"Không có lần gửi với mã '{deliveryId}'.", $"No delivery with id '{deliveryId}'.");
}
