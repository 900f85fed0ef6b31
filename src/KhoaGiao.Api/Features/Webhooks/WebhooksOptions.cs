using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>Settings of outgoing webhooks (section <c>Webhooks</c>).</summary>
public sealed class WebhooksOptions
{
    /// <summary>Accept <c>http</c> URLs as well as <c>https</c> (Development's default; never in production).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Host names or IP addresses admitted although they are internal (e.g. a receiver on the local network); empty by default.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Seconds a receiver has to answer a delivery with a 2xx (connection included).</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Most deliveries one instance sends at the same time.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 8;

    /// <summary>Milliseconds between two looks for due deliveries when no change notification arrives.</summary>
    [Range(50, 60000)]
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Days a subscription may fail every delivery before it is disabled.</summary>
    [Range(1, 30)]
    public int DisableAfterFailingDays { get; set; } = 3;

    /// <summary>Days delivery rows (and their attempts) are kept once they have succeeded or failed.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;
}
