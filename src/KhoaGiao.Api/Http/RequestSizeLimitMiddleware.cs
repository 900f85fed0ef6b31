using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Rejects bodies over <see cref="HttpOptions.MaxRequestBodyBytes"/> (<see cref="HttpOptions.MaxBatchRequestBodyBytes"/>
/// on routes carrying <see cref="BatchBodyMetadata"/>, and a route's own <see cref="IRequestSizeLimitMetadata"/> limit,
/// such as the media upload's) with 413 before anything reads them. Kestrel enforces the same
/// limit for chunked bodies; this also holds behind servers that do not (IIS in-process, tests).
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<HttpOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        var limit = metadata?.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? (metadata?.GetMetadata<BatchBody>() is null ? options.Value.MaxRequestBodyBytes : options.Value.MaxBatchRequestBodyBytes);
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }

    /// <summary>Endpoint metadata of a route that carries many items in one body, up to <see cref="HttpOptions.MaxBatchRequestBodyBytes"/>.</summary>
    public static readonly object BatchBodyMetadata = new BatchBody();

    private sealed class BatchBody;
}
