using System.Reflection;
using System.Text;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Site;

namespace KhoaGiao.Api.Features.Imports;

public static class ImportServices
{
    public static WebApplicationBuilder AddImports(this WebApplicationBuilder builder)
    {
        // Windows-1258 (Vietnamese) and the other code pages a feed may declare.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        builder.AddSettings<ImportsOptions>();
        builder.Services.AddSingleton<ImportDocuments>()
            .AddSingleton<FeedReader>()
            .AddSingleton<WordPressReader>()
            .AddSingleton<JsonLinesReader>()
            .AddSingleton<ArticleImporter>()
            .AddSingleton<ScheduledImports>()
            .AddHostedService(services => services.GetRequiredService<ScheduledImports>());

        var settings = builder.Settings<ImportsOptions>();
        var userAgent = UserAgent(builder.Settings<SiteOptions>());
        foreach (var (name, admitsPrivate) in new[] { (ImportDocuments.ClientName, false), (ImportDocuments.PrivateClientName, true) })
        {
            builder.Services.AddHttpClient(name, client =>
                {
                    client.Timeout = Timeout.InfiniteTimeSpan;
                    client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
                    client.DefaultRequestHeaders.Accept.ParseAdd(
                        "application/rss+xml, application/atom+xml, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5");
                })
                .ConfigurePrimaryHttpMessageHandler(services =>
                {
                    var guard = services.GetRequiredService<OutboundGuard>();
                    var handler = OutboundGuard.Handler((context, token) => guard.ConnectAsync(context, _ => admitsPrivate, token));

                    // Every connection of a redirect goes through the guard too, so following one cannot leave the
                    // allowed addresses. The body is read within Imports:MaxDocumentMegabytes after decompression.
                    handler.AllowAutoRedirect = true;
                    handler.MaxAutomaticRedirections = 5;
                    handler.AutomaticDecompression = System.Net.DecompressionMethods.All;
                    return handler;
                })
                .AddStandardResilienceHandler(resilience =>
                {
                    var attempt = TimeSpan.FromSeconds(settings.TimeoutSeconds);
                    resilience.AttemptTimeout.Timeout = attempt;
                    resilience.Retry.MaxRetryAttempts = 3;
                    resilience.Retry.Delay = TimeSpan.FromMilliseconds(settings.RetryDelayMilliseconds);
                    resilience.TotalRequestTimeout.Timeout = attempt * 4 + TimeSpan.FromMilliseconds(settings.RetryDelayMilliseconds * 8L) + TimeSpan.FromSeconds(1);
                    resilience.CircuitBreaker.SamplingDuration = attempt * 2;
                });
        }

        return builder;
    }

    /// <summary>Names the program and, when configured, the portal, so a source's operators know who reads them.</summary>
    private static string UserAgent(SiteOptions site)
    {
        var version = typeof(ImportServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0";
        return site.PublicBaseUrl is { Length: > 0 } portal ? $"KhoaGiao.Api-Importer/{version} (+{portal})" : $"KhoaGiao.Api-Importer/{version}";
    }
}
