using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace KhoaGiao.Api.Http;

/// <summary>
/// <c>HEAD</c> on every <c>GET</c> route (RFC 9110 §9.3.2): the same status and headers, no body. Routing accepts
/// <c>HEAD</c> wherever it accepts <c>GET</c>, and the body the handler writes is dropped here, so a client or a
/// cache checks a resource's headers (its <c>ETag</c>, <c>Cache-Control</c>, size) without transferring it.
/// </summary>
public static class HeadRequests
{
    /// <summary>Lets every endpoint of the group that answers only <c>GET</c> answer <c>HEAD</c> too.</summary>
    public static TBuilder AllowHeadWhereGet<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Count == 1 && HttpMethods.IsGet(methods.HttpMethods[0]))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head], methods.AcceptCorsPreflight));
            }
        });
        return builder;
    }

    /// <summary>Drops what is written as the body of a <c>HEAD</c> response (Kestrel would too; a test host would not).</summary>
    public static IApplicationBuilder UseHeadRequests(this IApplicationBuilder app) => app.Use(static async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var body = context.Features.Get<IHttpResponseBodyFeature>()!;
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(body);
        }
    });
}
