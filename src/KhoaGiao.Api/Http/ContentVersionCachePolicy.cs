using Microsoft.AspNetCore.OutputCaching;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Keeps a response computed across a content change out of the cache. A request that read the database just before
/// a commit may finish after the commit's eviction; stored then, it would serve the old content until it expires.
/// The policy notes <see cref="ContentChanges.Version"/> when the request starts and refuses storage when the version
/// has moved by the time the response is ready.
/// </summary>
public sealed class ContentVersionCachePolicy : IOutputCachePolicy
{
    private const string StartedAtVersion = "KhoaGiao.ContentVersionAtStart";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.HttpContext.Items[StartedAtVersion] = Changes(context).Version;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.HttpContext.Items[StartedAtVersion] is long started && started != Changes(context).Version)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static ContentChanges Changes(OutputCacheContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<ContentChanges>();
}
