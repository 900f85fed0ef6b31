using System.Net;
using KhoaGiao.Api.Telemetry;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace KhoaGiao.Api.Tests.Telemetry;

public sealed class PrometheusEndpointTests : ApiTest
{
    /// <summary>Scrapes until every name appears (request durations are recorded once a response is sent; scrapes are cached for 300 ms).</summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient scraper, params string[] names)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await scraper.GetAsync(PrometheusScrapeServer.Path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var text = await response.Content.ReadAsStringAsync();
            if (names.All(text.Contains) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(100);
        }
    }

    [Test]
    public async Task The_scrape_endpoint_answers_on_its_own_port_with_the_services_metrics_and_never_on_the_public_port()
    {
        var port = TelemetryHosts.FreePort();
        await using var app = TelemetryHosts.With(("Telemetry:PrometheusPort", TelemetryHosts.Text(port)));
        using var reader = app.CreateClient();
        Assert.That((await reader.GetAsync("/api/v1/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await reader.GetAsync("/api/v1/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        string[] names =
        [
            "http_server_request_duration_seconds_bucket", "khoagiao_output_cache_misses_total", "khoagiao_output_cache_hits_total",
            "khoagiao_hits_pending", "dotnet_gc_collections_total",
        ];
        var scraped = await ScrapeUntilAsync(scraper, names);
        Assert.That(names.Where(name => !scraped.Contains(name)), Is.Empty, scraped);
        Assert.That(scraped, Does.Contain("http_route=\"/api/v1/articles/\""));

        await AssertProblemAsync(await reader.GetAsync(PrometheusScrapeServer.Path), 404);
        Assert.That((await scraper.GetAsync("/api/v1/articles")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
            "the metrics port serves nothing but the metrics");
    }

    [Test]
    public async Task Without_a_port_there_is_no_scrape_endpoint_and_no_metrics_pipeline()
    {
        await using var app = TelemetryHosts.With();
        using var client = app.CreateClient();

        await AssertProblemAsync(await client.GetAsync(PrometheusScrapeServer.Path), 404);
        Assert.That(app.Services.GetServices<IHostedService>().OfType<PrometheusScrapeServer>(), Is.Empty);
        Assert.That(app.Services.GetService<MeterProvider>(), Is.Null);
    }

    [Test]
    public async Task A_port_outside_the_tcp_range_stops_start_up_with_the_setting_named()
    {
        await using var app = TelemetryHosts.With(("Telemetry:PrometheusPort", "70000"));

        var failure = Assert.Catch(() => app.CreateClient());
        Assert.That(failure!.ToString(), Does.Contain("PrometheusPort"));
    }
}
