using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Http;

/// <summary>Settings of the <c>Http</c> section.</summary>
public sealed class HttpOptions
{
    /// <summary>Largest request body accepted, in bytes; larger ones get 413.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Largest body of a batch route (<c>POST /api/v1/admin/articles/batch</c>, up to 100 articles), in bytes; larger
    /// ones get 413.
    /// </summary>
    [Range(1024, 1L << 30)]
    public long MaxBatchRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Browser origins allowed to call the management API (CORS). The delivery API allows any origin.</summary>
    public string[] ManagementCorsOrigins { get; set; } = [];

    /// <summary>Requests per minute one caller (API key, else IP address) may make to the management API; past it, 429.</summary>
    [Range(1, 1_000_000)]
    public int ManagementRequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// IP addresses (<c>10.0.0.7</c>) or ranges in CIDR notation (<c>10.244.0.0/16</c>) of reverse proxies or load
    /// balancers whose <c>X-Forwarded-For</c> is believed, so rate limits and visitor hashes see the client's address.
    /// Loopback is always trusted.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Seconds a delivery response may be served from the output cache (writes evict it at once).</summary>
    [Range(0, 86_400)]
    public int DeliveryCacheSeconds { get; set; } = 10;

    /// <summary>
    /// <c>max-age</c> of anonymous delivery reads: seconds browsers, CDNs and proxies may serve them without asking
    /// (they do not see writes; the output cache does). 0 sends <c>no-cache</c>: keep, but ask every time.
    /// </summary>
    [Range(0, 31_536_000)]
    public int DeliveryMaxAgeSeconds { get; set; } = 60;

    /// <summary><c>stale-while-revalidate</c> of anonymous delivery reads: seconds a stale copy may be served while it is fetched again.</summary>
    [Range(0, 31_536_000)]
    public int DeliveryStaleWhileRevalidateSeconds { get; set; } = 300;

    /// <summary><c>max-age</c> (and <c>stale-while-revalidate</c>) of visitor statistics and most-viewed lists, which change by the second.</summary>
    [Range(0, 86_400)]
    public int StatsMaxAgeSeconds { get; set; } = 10;
}
