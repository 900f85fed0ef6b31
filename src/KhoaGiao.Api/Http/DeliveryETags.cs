using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace KhoaGiao.Api.Http;

/// <summary>
/// A strong <c>ETag</c> on every anonymous delivery read that succeeds, derived from the bytes served (SHA-256 of the
/// JSON, before any content coding), and <c>304 Not Modified</c> with no body when <c>If-None-Match</c> names it
/// (RFC 9110 §13.1.2). It runs inside the output cache, so a cached response keeps its ETag and the output cache
/// answers a matching <c>If-None-Match</c> itself. Responses that are not public (see <see cref="ClientCachingMiddleware"/>)
/// are passed through untouched.
/// </summary>
public sealed class DeliveryETagMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || context.GetEndpoint()?.Metadata.GetMetadata<DeliveryEndpointMetadata>() is null
            || !ClientCachingMiddleware.IsAnonymous(request))
        {
            await next(context);
            return;
        }

        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer, original));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(original);
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey(HeaderNames.ETag))
        {
            var eTag = $"\"{Base64Url(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))[..16])}\"";
            response.Headers.ETag = eTag;
            if (Matches(request.Headers.IfNoneMatch, eTag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original.Stream, context.RequestAborted);
    }

    /// <summary>Whether <c>If-None-Match</c> names this ETag or is <c>*</c> (weak comparison, as §13.1.2 asks).</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string eTag)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var ours = new EntityTagHeaderValue(eTag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ours, useStrongComparison: false));
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary><c>Last-Modified</c> of a delivery read that serves one item: when its content was last edited (RFC 9110 §8.8.2).</summary>
public static class LastModified
{
    /// <summary>
    /// Informational: view counts and the items an article or event embeds change without it, so conditional reads go by
    /// the <c>ETag</c> alone and <c>If-Modified-Since</c> is not answered with 304.
    /// </summary>
    public static void Set(HttpContext context, DateTimeOffset updatedAt) =>
        context.Response.Headers.LastModified = updatedAt.ToUniversalTime().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
