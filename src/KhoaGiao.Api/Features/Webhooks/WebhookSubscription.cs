namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>An integrator's endpoint, told of the changes it subscribes to.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Url { get; set; }

    public string? Description { get; set; }

    /// <summary>Event types (<c>article.published</c>), per-type wildcards (<c>article.*</c>) or <c>*</c>.</summary>
    public List<string> EventTypes { get; set; } = [];

    public bool Enabled { get; set; } = true;

    /// <summary>Why the service disabled it (410 Gone, or failing for days); null when enabled or disabled by a person.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>The signing secret (<c>whsec_…</c>), protected with the service's data-protection keys.</summary>
    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation, also signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>Since when every attempt has failed; null after a success.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Row version for <c>If-Match</c>.</summary>
    public uint Version { get; set; }
}
