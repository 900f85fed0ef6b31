using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace KhoaGiao.Api.Http;

/// <summary>
/// The <c>Retry-After</c> header every 429 carries (RFC 6585 §4, RFC 9110 §10.2.3), so clients wait as long as the
/// limiter says instead of guessing or retrying at once.
/// </summary>
public static class RetryAfter
{
    /// <summary>Every limiter of this service counts per minute: the wait when a lease does not say.</summary>
    private static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(1);

    /// <summary>Sets <c>Retry-After</c> from a refused lease's <see cref="MetadataName.RetryAfter"/>.</summary>
    public static void Set(HttpResponse response, RateLimitLease refused) =>
        Set(response, refused.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : DefaultWait);

    /// <summary>Sets <c>Retry-After</c> in whole seconds, rounded up (delay-seconds is an integer; at least 1).</summary>
    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The framework rate limiter's rejection: <c>Retry-After</c> and an RFC 9457 problem, worded in the request's
    /// language by <see cref="FrameworkProblems"/>. Written here rather than left to the status-code pages, so the
    /// body does not depend on where that middleware sits.
    /// </summary>
    public static ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        Set(http.Response, context.Lease);
        http.RequestServices.GetRequiredService<RateLimitWindows>().WriteHeaders(http, refused: true);
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status429TooManyRequests },
        });
    }
}
