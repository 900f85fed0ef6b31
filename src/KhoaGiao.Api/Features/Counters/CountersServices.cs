using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.OutputCaching;

namespace KhoaGiao.Api.Features.Counters;

public static class CountersServices
{
    public static WebApplicationBuilder AddCounters(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Counters");
        var options = section.Get<CountersOptions>() ?? new CountersOptions();
        builder.Services.Configure<CountersOptions>(section);
        builder.Services.AddSingleton<HitBuffer>()
            .AddSingleton<VisitorIdentity>()
            .AddSingleton<PublishedArticles>()
            .AddSingleton<HitFlusher>()
            .AddHostedService(services => services.GetRequiredService<HitFlusher>());
        builder.Services.Configure<OutputCacheOptions>(cache => cache.AddPolicy(CountersEndpoints.StatsCachePolicy, policy => policy
            .Expire(TimeSpan.FromSeconds(options.StatsCacheSeconds))
            .Tag(HttpServices.ContentCacheTag)));
        return builder;
    }
}
