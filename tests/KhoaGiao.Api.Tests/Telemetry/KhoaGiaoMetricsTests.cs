using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Tests.Features.Counters;
using KhoaGiao.Api.Tests.Features.Webhooks;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Telemetry;

/// <summary>The service's own instruments, read with a <see cref="System.Diagnostics.Metrics.MeterListener"/> on the suite's host.</summary>
public sealed class KhoaGiaoMetricsTests : ApiTest
{
    [Test]
    public async Task A_scheduler_pass_counts_a_run_and_the_articles_it_published()
    {
        using var recorder = new MetricRecorder(Factory.Services);
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin hẹn giờ"));
        var scheduled = await admin.PostAsJsonAsync($"/api/v1/admin/articles/{article["id"]}/publish", new { publishedAt = Factory.Clock.GetUtcNow().AddSeconds(5) });
        Assert.That(scheduled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await scheduled.Content.ReadAsStringAsync());
        Factory.Clock.Advance(TimeSpan.FromSeconds(10));

        var scheduler = Factory.Services.GetRequiredService<ScheduledPublisher>();
        Assert.That(await scheduler.PublishDueAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await scheduler.PublishDueAsync(CancellationToken.None), Is.Zero);

        Assert.That(recorder.Sum("khoagiao.scheduler.runs", ("outcome", "succeeded")), Is.EqualTo(2));
        Assert.That(recorder.Sum("khoagiao.scheduler.runs", ("outcome", "failed")), Is.Zero);
        Assert.That(recorder.Sum("khoagiao.scheduler.published"), Is.EqualTo(1));
    }

    [Test]
    public async Task Webhook_attempts_count_as_delivered_or_retrying()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var recorder = new MetricRecorder(Factory.Services);
        using var admin = Admin();
        await WebhookDeliveryTests.SubscribeAsync(admin, receiver.Url(), "article.published");

        await WebhookDeliveryTests.PutBySourceAsync(admin, "1", "Tọa đàm khoa giáo");
        Assert.That(await recorder.WaitForSumAsync(1, "khoagiao.webhook.attempts", ("outcome", "delivered")), Is.EqualTo(1));

        receiver.Status = StatusCodes.Status503ServiceUnavailable;
        await WebhookDeliveryTests.PutBySourceAsync(admin, "2", "Hội nghị khoa giáo");
        Assert.That(await recorder.WaitForSumAsync(1, "khoagiao.webhook.attempts", ("outcome", "retrying")), Is.EqualTo(1));
        Assert.That(recorder.Sum("khoagiao.webhook.attempts", ("outcome", "delivered")), Is.EqualTo(1));
        Assert.That(recorder.Sum("khoagiao.webhook.attempts", ("outcome", "failed")), Is.Zero);
    }

    [Test]
    public async Task A_repeated_delivery_read_counts_a_cache_miss_then_a_hit_for_its_route()
    {
        using var recorder = new MetricRecorder(Factory.Services);
        using var reader = Anonymous();

        Assert.That((await reader.GetAsync("/api/v1/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await reader.GetAsync("/api/v1/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(recorder.Sum("khoagiao.output_cache.misses", ("http.route", "/api/v1/articles/")), Is.EqualTo(1));
        Assert.That(recorder.Sum("khoagiao.output_cache.hits", ("http.route", "/api/v1/articles/")), Is.EqualTo(1));
    }

    [Test]
    public async Task The_pending_hits_gauge_reads_the_buffer()
    {
        using var recorder = new MetricRecorder(Factory.Services);
        using var client = Anonymous();
        Assert.That((await CounterTestSupport.HitAsync(client, Guid.NewGuid())).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var buffer = Factory.Services.GetRequiredService<HitBuffer>();

        // The flusher runs on the suite's clock and may write the buffer at any moment: the gauge reads one of these.
        var before = buffer.PendingEntries;
        recorder.Observe();
        var after = buffer.PendingEntries;

        Assert.That(before, Is.Positive);
        var observed = recorder.Measurements.Where(m => m.Instrument == "khoagiao.hits.pending").Select(m => m.Value).ToList();
        Assert.That(observed, Has.Count.EqualTo(1));
        Assert.That(observed[0], Is.AnyOf(before, after));
    }

    [Test]
    public async Task Hits_count_as_accepted_then_flushed_with_the_flush_duration_and_crawlers_do_not()
    {
        using var recorder = new MetricRecorder(Factory.Services);
        using var client = Anonymous();
        await CounterTestSupport.FlushAsync(Factory.Services);
        var flushesBefore = recorder.Measurements.Count(m => m.Instrument == "khoagiao.hits.flush.duration");

        Assert.That((await CounterTestSupport.HitAsync(client, Guid.NewGuid())).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await CounterTestSupport.HitAsync(client, Guid.NewGuid())).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await CounterTestSupport.HitAsync(client, Guid.NewGuid(), userAgent: "Googlebot/2.1")).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await CounterTestSupport.FlushAsync(Factory.Services);

        Assert.That(recorder.Sum("khoagiao.hits.accepted"), Is.EqualTo(2), "the crawler's 202 is not a hit taken");
        // Two visits and two visitors' last-seen times: four entries.
        Assert.That(recorder.Sum("khoagiao.hits.flushed"), Is.EqualTo(4));
        Assert.That(recorder.Measurements.Count(m => m.Instrument == "khoagiao.hits.flush.duration" && Equals(m.Tags["outcome"], "succeeded")),
            Is.GreaterThan(flushesBefore));
    }
}
