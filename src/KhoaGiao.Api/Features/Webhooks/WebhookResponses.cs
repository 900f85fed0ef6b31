using KhoaGiao.Api.Features.Sync;

namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>A webhook subscription; never its secret.</summary>
public record WebhookResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>https://baohanam.com.vn/hooks/khoagiao</example>
    public required string Url { get; init; }

    /// <example>Cập nhật tin bài cho Báo Hà Nam</example>
    public string? Description { get; init; }

    /// <example>["article.published", "article.updated", "article.unpublished", "article.deleted"]</example>
    [OpenApi.ValuesFrom(typeof(WebhookEventTypes), nameof(WebhookEventTypes.All))]
    public required IReadOnlyList<string> EventTypes { get; init; }

    /// <example>true</example>
    public bool Enabled { get; init; }

    /// <summary>Why the service disabled it: <c>410 Gone</c>, or failing every delivery for days; null otherwise.</summary>
    /// <example>null</example>
    public string? DisabledReason { get; init; }

    /// <summary>Since when every attempt has failed; null while deliveries succeed.</summary>
    /// <example>null</example>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>Until when the secret before the last rotation still signs too; null when there is none.</summary>
    /// <example>null</example>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    /// <example>2026-12-07T09:00:00+07:00</example>
    public DateTimeOffset CreatedAt { get; init; }

    /// <example>2026-12-07T09:00:00+07:00</example>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A subscription just created, with its signing secret: shown this once.</summary>
public sealed record CreatedWebhookResponse : WebhookResponse
{
    /// <summary>The signing secret (Standard Webhooks form); keep it, it is not shown again.</summary>
    /// <example>whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw</example>
    [OpenApi.Longest(WebhookSecrets.Length)]
    public required string Secret { get; init; }
}

/// <summary>The new secret of a rotation: shown this once.</summary>
public sealed record WebhookSecretResponse
{
    /// <example>whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw</example>
    [OpenApi.Longest(WebhookSecrets.Length)]
    public required string Secret { get; init; }

    /// <summary>Until then deliveries carry a signature under the previous secret as well.</summary>
    /// <example>2026-12-08T09:00:00+07:00</example>
    public DateTimeOffset PreviousSecretExpiresAt { get; init; }
}

/// <summary>One delivery of the log: an event for this subscription, and how sending it went.</summary>
public record WebhookDeliveryResponse
{
    /// <summary>The delivery's id, sent as <c>webhook-id</c> (the same on every retry).</summary>
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>article.published</example>
    public required string EventType { get; init; }

    /// <summary>The item's type; null for a test ping.</summary>
    /// <example>article</example>
    public ChangeType? ItemType { get; init; }

    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid? ItemId { get; init; }

    /// <example>succeeded</example>
    public WebhookDeliveryStatus Status { get; init; }

    /// <example>1</example>
    public int Attempts { get; init; }

    /// <example>2026-12-07T09:00:00+07:00</example>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the next attempt is due; null once the delivery has succeeded or failed.</summary>
    /// <example>null</example>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <example>2026-12-07T09:00:01+07:00</example>
    public DateTimeOffset? LastAttemptAt { get; init; }
}

/// <summary>A delivery with its body and every attempt.</summary>
public sealed record WebhookDeliveryDetailResponse : WebhookDeliveryResponse
{
    /// <summary>The body as sent (fixed at the first attempt), as JSON; null before it.</summary>
    public System.Text.Json.JsonElement? Payload { get; init; }

    /// <summary>The attempts, oldest first; the latest 50 when there were more.</summary>
    [OpenApi.MostItems(WebhookDeliveries.ShownAttempts)]
    public required IReadOnlyList<WebhookAttemptResponse> AttemptLog { get; init; }
}

/// <summary>One try at sending a delivery.</summary>
public sealed record WebhookAttemptResponse
{
    /// <example>2026-12-07T09:00:01+07:00</example>
    public DateTimeOffset At { get; init; }

    /// <summary>The receiver's status code; null when no answer came.</summary>
    /// <example>200</example>
    public int? StatusCode { get; init; }

    /// <summary>Why no answer came (refused, timed out, address not allowed); null when one did.</summary>
    /// <example>null</example>
    public string? Error { get; init; }

    /// <example>84</example>
    public int DurationMilliseconds { get; init; }

    /// <summary>The start of the receiver's answer, up to 1 KB.</summary>
    /// <example>ok</example>
    public string? ResponseExcerpt { get; init; }
}
