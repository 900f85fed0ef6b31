using System.Collections.Concurrent;
using System.Diagnostics;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace KhoaGiao.Api.Tests.Telemetry;

public sealed class OtlpExportTests : ApiTest
{
    private sealed record Export(string Path, string? ContentType, string? TestHeader, byte[] Body);

    [Test]
    public async Task Without_an_endpoint_no_tracing_or_exporter_is_registered()
    {
        await using var app = TelemetryHosts.With();
        _ = app.Server;

        Assert.That(app.Services.GetService<TracerProvider>(), Is.Null);
        Assert.That(app.Services.GetService<MeterProvider>(), Is.Null);
        Assert.That(app.Services.GetServices<ILoggerProvider>().Select(p => p.GetType().FullName), Has.None.StartsWith("OpenTelemetry"));
    }

    [Test]
    public async Task With_an_endpoint_the_requests_trace_and_the_metrics_reach_the_collector_and_the_problem_names_that_trace()
    {
        var exports = new ConcurrentQueue<Export>();
        await using var collector = await StartCollectorAsync(exports);
        var traceId = ActivityTraceId.CreateRandom();

        await using (var app = TelemetryHosts.With(
            ("Telemetry:OtlpEndpoint", collector.Urls.Single()), ("Telemetry:OtlpProtocol", "HttpProtobuf"),
            ("OTEL_EXPORTER_OTLP_HEADERS", "x-khoagiao-test=otlp")))
        {
            using var client = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/khong-co-bai-nay");
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            var problem = await AssertProblemAsync(await client.SendAsync(request), 404);
            Assert.That(problem["traceId"]!.GetValue<string>(), Does.StartWith($"00-{traceId}-"));
            Assert.That(app.Services.GetService<TracerProvider>(), Is.Not.Null);

            // What was batched is sent now, with time to spare on a loaded machine, rather than within the few seconds
            // the host's shutdown gives the exporters.
            Assert.That(app.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000), Is.True, "traces flushed");
            Assert.That(app.Services.GetRequiredService<MeterProvider>().ForceFlush(30_000), Is.True, "metrics flushed");
        }

        var traces = exports.Where(e => e.Path == "/v1/traces").ToList();
        Assert.That(traces, Is.Not.Empty, string.Join(", ", exports.Select(e => e.Path)));
        Assert.That(traces.Select(e => e.ContentType), Has.All.EqualTo("application/x-protobuf"));
        Assert.That(traces.Select(e => e.TestHeader), Has.All.EqualTo("otlp"), "the standard OTEL_EXPORTER_OTLP_HEADERS is read");
        var rawTraceId = Convert.FromHexString(traceId.ToHexString());
        Assert.That(traces.Any(e => e.Body.AsSpan().IndexOf(rawTraceId) >= 0), Is.True, "a span of the request's trace was exported");
        Assert.That(exports.Select(e => e.Path), Does.Contain("/v1/metrics"));
    }

    /// <summary>An OTLP/HTTP collector on a free loopback port that keeps every export.</summary>
    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<Export> exports)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var collector = builder.Build();
        collector.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            exports.Enqueue(new Export(context.Request.Path, context.Request.ContentType, context.Request.Headers["x-khoagiao-test"], body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await collector.StartAsync();
        return collector;
    }
}
