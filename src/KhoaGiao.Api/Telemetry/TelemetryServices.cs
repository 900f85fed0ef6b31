using System.Diagnostics.Metrics;
using KhoaGiao.Api.Features.Counters;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KhoaGiao.Api.Telemetry;

public static class TelemetryServices
{
    /// <summary>The OpenTelemetry SDK's standard variable for the OTLP exporter's address.</summary>
    public const string StandardOtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The <c>service.name</c> of the exported telemetry unless <c>OTEL_SERVICE_NAME</c> names another.</summary>
    public const string ServiceName = "khoagiao-api";

    /// <summary>The service's meter, used by the features whether or not anything listens.</summary>
    public static IServiceCollection AddKhoaGiaoMetrics(this IServiceCollection services) =>
        services.AddSingleton(provider => new KhoaGiaoMetrics(provider.GetRequiredService<IMeterFactory>(),
            () => provider.GetRequiredService<HitBuffer>().PendingEntries));

    /// <summary>
    /// Log format and trace ids in logs; and, when something will receive them, the OpenTelemetry providers: traces and
    /// metrics over OTLP when an endpoint is configured, metrics for Prometheus when a scrape port is. With neither, no
    /// provider is registered and the instruments and activities have no listener.
    /// </summary>
    public static WebApplicationBuilder AddKhoaGiaoTelemetry(this WebApplicationBuilder builder)
    {
        builder.AddSettings<TelemetryOptions>();
        var options = builder.Settings<TelemetryOptions>();

        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (builder.Environment.IsProduction())
        {
            // One JSON object a line for the log collector; the trace and span ids arrive as the first scope.
            builder.Logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
                json.IncludeScopes = true;
            });
        }

        var ownEndpoint = options.OtlpEndpointUri;
        var otlp = ownEndpoint is not null || !string.IsNullOrWhiteSpace(builder.Configuration[StandardOtlpEndpoint]);
        var prometheusPort = options.PrometheusPort;
        if (!otlp && prometheusPort is null)
        {
            return builder;
        }

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : ServiceName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(KhoaGiaoMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (prometheusPort is not null)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (prometheusPort is not null)
        {
            builder.Services.AddHostedService<PrometheusScrapeServer>();
        }

        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context =>
                    // Probes and scrapes arrive every few seconds and would bury the requests worth a trace.
                    !context.Request.Path.StartsWithSegments("/health") && context.Connection.LocalPort != prometheusPort)
                .AddHttpClientInstrumentation()
                .AddNpgsql());

            // The SDK reads the rest of the exporter's standard variables (OTEL_EXPORTER_OTLP_HEADERS, …) either way.
            if (ownEndpoint is not null)
            {
                telemetry.UseOtlpExporter(options.OtlpProtocol, ownEndpoint);
            }
            else
            {
                telemetry.UseOtlpExporter();
            }
        }

        return builder;
    }
}
