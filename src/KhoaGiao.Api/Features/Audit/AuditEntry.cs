namespace KhoaGiao.Api.Features.Audit;

/// <summary>A security-relevant action ("nhật ký"): who did what to what, and when.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; init; }

    /// <summary>The user's or API key's id; null for anonymous actions (a failed login).</summary>
    public string? ActorId { get; init; }

    /// <summary>The user's display name or e-mail, or the key's name, as it was then.</summary>
    public string? ActorName { get; init; }

    /// <summary>What happened, e.g. <c>login.failed</c>, <c>article.published</c>, <c>apiKey.revoked</c>.</summary>
    public required string Action { get; init; }

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    /// <summary>Free text: a reason, the roles given, the e-mail tried.</summary>
    public string? Details { get; init; }
}
