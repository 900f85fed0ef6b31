using System.Diagnostics.Metrics;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Http;

public sealed class ContentVersionCachePolicyTests
{
    [Test]
    public async Task A_response_computed_across_a_content_change_is_not_stored()
    {
        var changes = new ContentChanges();
        var (policy, context) = Request(changes);

        await policy.CacheRequestAsync(context, CancellationToken.None);
        changes.Changed();
        context.AllowCacheStorage = true;
        await policy.ServeResponseAsync(context, CancellationToken.None);

        Assert.That(context.AllowCacheStorage, Is.False);
    }

    [Test]
    public async Task A_response_computed_while_content_stood_still_is_stored()
    {
        var changes = new ContentChanges();
        changes.Changed();
        var (policy, context) = Request(changes);

        await policy.CacheRequestAsync(context, CancellationToken.None);
        context.AllowCacheStorage = true;
        await policy.ServeResponseAsync(context, CancellationToken.None);

        Assert.That(context.AllowCacheStorage, Is.True);
    }

    private static (IOutputCachePolicy Policy, OutputCacheContext Context) Request(ContentChanges changes)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton(changes).BuildServiceProvider() };
        var metrics = new KhoaGiaoMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), () => 0);
        return (new ContentVersionCachePolicy(metrics), new OutputCacheContext { HttpContext = http });
    }
}
