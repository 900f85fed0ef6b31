namespace KhoaGiao.Api.Telemetry;

/// <summary>What became of a webhook delivery at one attempt.</summary>
public enum WebhookAttemptOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>The attempt failed and another is scheduled.</summary>
    Retrying,

    /// <summary>The attempt failed and none is left (or the receiver answered 410 Gone).</summary>
    Failed,
}
