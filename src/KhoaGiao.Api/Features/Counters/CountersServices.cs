using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.OutputCaching;

namespace KhoaGiao.Api.Features.Counters;

public static class CountersServices
{
    public static WebApplicationBuilder AddCounters(this WebApplicationBuilder builder)
    {
        builder.AddSettings<CountersOptions>();
        var options = builder.Settings<CountersOptions>();
        builder.Services.AddSingleton<HitBuffer>()
            .AddSingleton<VisitorIdentity>()
            .AddSingleton<PublishedArticles>()
            .AddSingleton<HitFlusher>()
            .AddHostedService(services => services.GetRequiredService<HitFlusher>());
        builder.Services.Configure<OutputCacheOptions>(cache => cache.AddPolicy(CountersEndpoints.StatsCachePolicy, policy =>
        {
            // 0 turns the cache off: the output cache refuses a zero lifetime on every request.
            if (options.StatsCacheSeconds == 0)
            {
                policy.NoCache();
                return;
            }

            policy.AddPolicy<ContentVersionCachePolicy>().Expire(TimeSpan.FromSeconds(options.StatsCacheSeconds)).Tag(HttpServices.ContentCacheTag);
        }));
        return builder;
    }
}
