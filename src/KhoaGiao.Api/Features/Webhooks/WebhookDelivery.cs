namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>
/// One event for one subscription, from the outbox: written in the transaction that recorded the change, sent until a
/// 2xx answers it or its retries run out. Its id is the <c>webhook-id</c> receivers deduplicate on.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Order of writing; deliveries about one item go out in this order.</summary>
    public long Position { get; init; }

    public Guid SubscriptionId { get; init; }

    /// <summary><c>article.published</c>, …, or <c>webhook.test</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>The item's type (null for a test ping).</summary>
    public Sync.ChangeType? ItemType { get; init; }

    public Guid? ItemId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public WebhookDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Until when an instance holds it for sending; another takes it over after that.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    /// <summary>The body, fixed at the first attempt so every retry sends the same signed bytes.</summary>
    public string? Payload { get; set; }

    /// <summary>The <c>webhook-timestamp</c> of the last attempt.</summary>
    public DateTimeOffset? LastAttemptAt { get; set; }

    public List<WebhookAttempt> AttemptLog { get; init; } = [];
}

public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>One try at sending a delivery, as the delivery log shows it.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; init; }

    public Guid DeliveryId { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The receiver's status code; null when no answer came (refused, timed out, address not allowed).</summary>
    public int? StatusCode { get; init; }

    public string? Error { get; init; }

    public int DurationMilliseconds { get; init; }

    /// <summary>The start of the receiver's answer, up to 1 KB.</summary>
    public string? ResponseExcerpt { get; init; }
}
