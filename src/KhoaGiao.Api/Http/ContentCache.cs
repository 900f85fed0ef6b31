using Microsoft.AspNetCore.OutputCaching;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Evicts cached delivery responses after every successful management write, so readers see changes at once
/// (on this process; other replicas when their entries expire).
/// </summary>
public static class ContentCache
{
    public static async ValueTask<object?> EvictAfterWriteAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var outcome = result is INestedHttpResult nested ? nested.Result : result;
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method)
            && outcome is IStatusCodeHttpResult { StatusCode: < 400 })
        {
            var services = context.HttpContext.RequestServices;
            services.GetRequiredService<ContentChanges>().Changed();
            await services.GetRequiredService<IOutputCacheStore>()
                .EvictByTagAsync(HttpServices.ContentCacheTag, context.HttpContext.RequestAborted);
        }

        return result;
    }
}
