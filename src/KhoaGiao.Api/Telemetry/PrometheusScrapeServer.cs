using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace KhoaGiao.Api.Telemetry;

/// <summary>
/// Serves the Prometheus scrape endpoint <c>/metrics</c> on <see cref="TelemetryOptions.PrometheusPort"/> with a Kestrel
/// of its own, apart from the public application. Listening on the extra port from the public Kestrel would replace the
/// addresses given by <c>ASPNETCORE_URLS</c> or <c>ASPNETCORE_HTTP_PORTS</c> (Kestrel binds only the endpoints set in
/// code when there are any), and would put the endpoint behind the public pipeline, host filtering its only guard. Here
/// the public port has no such route at all, and scrapes skip rate limits, authentication and the request metrics.
/// </summary>
public sealed class PrometheusScrapeServer(MeterProvider meters, ILoggerFactory loggers, IOptions<TelemetryOptions> options)
    : IHostedService, IAsyncDisposable
{
    public const string Path = "/metrics";

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The empty builder reads no configuration, so the public application's URLs and settings do not apply here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggers);
        // Its "Now listening on" is worth a line; the start and stop messages are the public application's to give.
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenAnyIP(options.Value.PrometheusPort!.Value);
        });
        _app = builder.Build();
        _app.Use(static (context, next) =>
        {
            if (context.Features.Get<IHttpMetricsTagsFeature>() is { } metrics)
            {
                metrics.MetricsDisabled = true;
            }

            return next(context);
        });
        _app.UseOpenTelemetryPrometheusScrapingEndpoint(meters, predicate: null, Path, configureBranchedPipeline: null, optionsName: null);
        await _app.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
