using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KhoaGiao.Api.Http;

/// <summary>Marks a delivery endpoint: anonymous reads of it may be kept by browsers, CDNs and reverse proxies.</summary>
public sealed class DeliveryEndpointMetadata
{
    public static readonly DeliveryEndpointMetadata Instance = new();
}

/// <summary>Marks a delivery endpoint whose answer changes by the second (visitor statistics, most viewed): a shorter lifetime.</summary>
public sealed class ShortLivedEndpointMetadata
{
    public static readonly ShortLivedEndpointMetadata Instance = new();
}

/// <summary>
/// Marks a delivery endpoint whose URLs never name other bytes (media files): kept for a year, never revalidated.
/// </summary>
public sealed class ImmutableEndpointMetadata
{
    public static readonly ImmutableEndpointMetadata Instance = new();

    /// <summary>RFC 8246: a year, the longest lifetime caches honour, and no revalidation while it is fresh.</summary>
    public const string CacheControl = "public, max-age=31536000, immutable";
}

/// <summary>
/// Says on every response what a client or a shared cache may keep (RFC 9111). An anonymous <c>GET</c> or <c>HEAD</c>
/// of a delivery route that succeeds is <c>public</c> for <see cref="HttpOptions.DeliveryMaxAgeSeconds"/>, then
/// may be served stale for <see cref="HttpOptions.DeliveryStaleWhileRevalidateSeconds"/> while it is fetched again,
/// and varies by language and encoding. Everything else is <c>no-store</c>: management routes, any request that
/// carries credentials or a preview token, writes, and errors. Nothing personal is ever marked public.
/// </summary>
public sealed class ClientCachingMiddleware(RequestDelegate next, IOptions<HttpOptions> options)
{
    private readonly HttpOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (context, options) = ((HttpContext, HttpOptions))state;
            Apply(context, options);
            return Task.CompletedTask;
        }, (context, _options));
        return next(context);
    }

    /// <summary>Whether the request carries neither credentials nor a preview token: its answer may be shared.</summary>
    public static bool IsAnonymous(HttpRequest request) =>
        request.Headers.Authorization.Count == 0 && !request.Query.ContainsKey("preview");

    private static void Apply(HttpContext context, HttpOptions options)
    {
        var (request, response) = (context.Request, context.Response);
        var metadata = context.GetEndpoint()?.Metadata;
        var shared = metadata?.GetMetadata<DeliveryEndpointMetadata>() is not null
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && IsAnonymous(request)
            && response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status301MovedPermanently or StatusCodes.Status304NotModified;
        if (!shared)
        {
            response.Headers.CacheControl = "no-store";
            return;
        }

        if (metadata!.GetMetadata<ImmutableEndpointMetadata>() is not null)
        {
            response.Headers.CacheControl = ImmutableEndpointMetadata.CacheControl;
            return;
        }

        var (maxAge, stale) = metadata.GetMetadata<ShortLivedEndpointMetadata>() is not null
            ? (options.StatsMaxAgeSeconds, options.StatsMaxAgeSeconds)
            : (options.DeliveryMaxAgeSeconds, options.DeliveryStaleWhileRevalidateSeconds);
        response.Headers.CacheControl = maxAge == 0
            ? "no-cache"
            : stale == 0 ? $"public, max-age={maxAge}" : $"public, max-age={maxAge}, stale-while-revalidate={stale}";
        foreach (var header in (ReadOnlySpan<string>)[HeaderNames.AcceptLanguage, HeaderNames.AcceptEncoding])
        {
            if (!response.Headers.Vary.Any(v => v?.Contains(header, StringComparison.OrdinalIgnoreCase) == true))
            {
                response.Headers.Append(HeaderNames.Vary, header);
            }
        }
    }
}
