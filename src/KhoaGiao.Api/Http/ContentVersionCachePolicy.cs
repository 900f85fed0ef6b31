using KhoaGiao.Api.Telemetry;
using Microsoft.AspNetCore.OutputCaching;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Keeps a response computed across a content change out of the cache. A request that read the database just before
/// a commit may finish after the commit's eviction; stored then, it would serve the old content until it expires.
/// The policy notes <see cref="ContentChanges.Version"/> when the request starts and refuses storage when the version
/// has moved by the time the response is ready.
/// <para>Every output-cached route (delivery reads, visitor statistics) goes through this policy, so it also counts the
/// cache's hits and misses, which the framework does not report. A hit is a request for which the cache found a stored
/// response; a miss is a request it could have answered that ran its endpoint instead. The framework recomputes a found
/// response whose age is zero (stored in the same tick of its clock); such a request counts once, as a hit.</para>
/// </summary>
public sealed class ContentVersionCachePolicy(KhoaGiaoMetrics metrics) : IOutputCachePolicy
{
    private const string StartedAtVersion = "KhoaGiao.ContentVersionAtStart";
    private const string FoundInCache = "KhoaGiao.FoundInCache";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.HttpContext.Items[StartedAtVersion] = Changes(context).Version;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.HttpContext.Items[FoundInCache] = true;
        metrics.OutputCacheHit(Route(context));
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (!context.HttpContext.Items.ContainsKey(FoundInCache))
        {
            metrics.OutputCacheMiss(Route(context));
        }

        if (context.HttpContext.Items[StartedAtVersion] is long started && started != Changes(context).Version)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static string? Route(OutputCacheContext context) => (context.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;

    private static ContentChanges Changes(OutputCacheContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<ContentChanges>();
}
