using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Rejects bodies over <see cref="HttpOptions.MaxRequestBodyBytes"/> with 413 before anything reads them. Kestrel
/// enforces the same limit for chunked bodies; this also holds behind servers that do not (IIS in-process, tests).
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<HttpOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
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
}
