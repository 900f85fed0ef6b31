using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Features.Webhooks;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using StandardWebhooks;

namespace KhoaGiao.Api.Tests.Features.Webhooks;

public sealed class WebhookDeliveryTests : ApiTest
{
    private WebhookReceiver _receiver = null!;

    [SetUp]
    public async Task StartReceiverAsync() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    internal static async Task<(Guid Id, string Secret)> SubscribeAsync(HttpClient admin, string url, params string[] events)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/webhooks",
            new { url, description = "Báo Hà Nam", eventTypes = events.Length == 0 ? ["*"] : events });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        var created = await ReadJsonAsync(response);
        return (created["id"]!.GetValue<Guid>(), created["secret"]!.GetValue<string>());
    }

    internal static async Task<JsonObject> PutBySourceAsync(HttpClient admin, string externalId, string title, bool publish = true)
    {
        var response = await admin.PutAsJsonAsync($"/api/v1/admin/articles/by-source/Báo Hà Nam/{externalId}", new
        {
            title,
            body = "<p>Nội dung bài viết.</p>",
            publishedAt = publish ? DateTimeOffset.Parse("2023-08-16T18:00:00+07:00") : (DateTimeOffset?)null,
        });
        Assert.That((int)response.StatusCode, Is.EqualTo(200).Or.EqualTo(201), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    private static JsonObject Body(WebhookReceiver.Received received) => JsonNode.Parse(received.Body)!.AsObject();

    private static string EventOf(WebhookReceiver.Received received) => Body(received)["type"]!.GetValue<string>();

    private static async Task<JsonObject> DeliveryAsync(HttpClient admin, Guid subscription, string deliveryId)
    {
        var response = await admin.GetAsync($"/api/v1/admin/webhooks/{subscription}/deliveries/{deliveryId}");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    /// <summary>Waits (real time) until the delivery log holds an attempt with this status code.</summary>
    private static async Task<JsonObject> WaitForAttemptAsync(HttpClient admin, Guid subscription, Func<JsonObject, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/webhooks/{subscription}/deliveries"));
            var item = page["items"]!.AsArray().Select(i => i!.AsObject()).FirstOrDefault(done);
            if (item is not null || DateTime.UtcNow > deadline)
            {
                Assert.That(item, Is.Not.Null, page.ToJsonString());
                return item!;
            }

            await Task.Delay(50);
        }
    }

    [Test]
    public async Task A_published_article_is_delivered_in_the_standard_webhooks_format_and_the_library_verifies_the_signature()
    {
        using var admin = Admin();
        var (subscription, secret) = await SubscribeAsync(admin, _receiver.Url(), "article.published");
        Assert.That(secret, Does.StartWith("whsec_"));

        var article = await PutBySourceAsync(admin, "1", "Tọa đàm khoa giáo");

        var received = (await _receiver.WaitForDeliveredAsync(1)).Single();
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = received.Headers["webhook-id"],
            ["webhook-timestamp"] = received.Headers["webhook-timestamp"],
            ["webhook-signature"] = received.Headers["webhook-signature"],
        };
        Assert.DoesNotThrow(() => new StandardWebhook(secret).Verify(received.Body, headers));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(
            () => new StandardWebhook(secret).Verify(received.Body.Replace("Tọa", "Toa"), headers));
        var body = Body(received);
        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("article.published"));
        Assert.That(body["data"]!["op"]!.GetValue<string>(), Is.EqualTo("upsert"));
        Assert.That(body["data"]!["item"]!["id"]!.GetValue<Guid>(), Is.EqualTo(article["id"]!.GetValue<Guid>()));
        Assert.That(body["data"]!["item"]!["title"]!.GetValue<string>(), Is.EqualTo("Tọa đàm khoa giáo"));
        Assert.That(received.Headers["content-type"], Does.StartWith("application/json"));

        var delivery = await DeliveryAsync(admin, subscription, received.Id);
        Assert.That(delivery["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        Assert.That(JsonNode.DeepEquals(delivery["payload"], JsonNode.Parse(received.Body)), Is.True);
        var attempt = delivery["attemptLog"]!.AsArray().Single()!;
        Assert.That(attempt["statusCode"]!.GetValue<int>(), Is.EqualTo(200));
        Assert.That(attempt["responseExcerpt"]!.GetValue<string>(), Is.EqualTo("ok"));
    }

    [Test]
    public async Task After_a_rotation_deliveries_carry_signatures_under_the_new_and_the_previous_secret()
    {
        using var admin = Admin();
        var (subscription, oldSecret) = await SubscribeAsync(admin, _receiver.Url());
        var rotation = await ReadJsonAsync(await admin.PostAsync($"/api/v1/admin/webhooks/{subscription}/rotate-secret", null));
        var newSecret = rotation["secret"]!.GetValue<string>();

        await PutBySourceAsync(admin, "1", "Tọa đàm khoa giáo");

        var received = (await _receiver.WaitForDeliveredAsync(1)).Single();
        var signatures = received.Headers["webhook-signature"].Split(' ');
        HeaderDictionary SignedWith(string signature) => new()
        {
            ["webhook-id"] = received.Headers["webhook-id"],
            ["webhook-timestamp"] = received.Headers["webhook-timestamp"],
            ["webhook-signature"] = signature,
        };

        // Each signature on its own: StandardWebhooks 1.1.2 compares only the first of a header's signatures.
        Assert.That(newSecret, Is.Not.EqualTo(oldSecret));
        Assert.That(signatures, Has.Length.EqualTo(2));
        Assert.DoesNotThrow(() => new StandardWebhook(newSecret).Verify(received.Body, SignedWith(signatures[0])));
        Assert.DoesNotThrow(() => new StandardWebhook(oldSecret).Verify(received.Body, SignedWith(signatures[1])));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(
            () => new StandardWebhook(oldSecret).Verify(received.Body, SignedWith(signatures[0])));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "webhook.secretRotated")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_receiver_down_for_an_hour_gets_each_event_once_and_in_change_order_when_it_comes_back()
    {
        using var admin = Admin();
        var (subscription, _) = await SubscribeAsync(admin, _receiver.Url(), "article.*");
        _receiver.Status = StatusCodes.Status503ServiceUnavailable;

        await PutBySourceAsync(admin, "1", "Bản đầu");
        await PutBySourceAsync(admin, "1", "Bản sửa");
        await WaitForAttemptAsync(admin, subscription, d => d["eventType"]!.GetValue<string>() == "article.published" && d["attempts"]!.GetValue<int>() >= 1);
        for (var minute = 0; minute < 60; minute++)
        {
            Factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }

        _receiver.Status = StatusCodes.Status200OK;
        Factory.Clock.Advance(TimeSpan.FromHours(2));

        var delivered = await _receiver.WaitForDeliveredAsync(2);
        Assert.That(delivered.Select(EventOf), Is.EqualTo(new[] { "article.published", "article.updated" }));
        Assert.That(delivered.Select(r => r.Id).Distinct().Count(), Is.EqualTo(2));
        Assert.That(Body(delivered[1])["data"]!["item"]!["title"]!.GetValue<string>(), Is.EqualTo("Bản sửa"));
        Assert.That(_receiver.Requests.Where(r => r.Id == delivered[0].Id).Select(r => r.AnsweredWith).Last(), Is.EqualTo(200));
        Assert.That(_receiver.Requests.Count(r => r.Id == delivered[1].Id && r.AnsweredWith == 503), Is.Zero,
            "the update waits for the publication to be delivered");
        var failing = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/webhooks/{subscription}"));
        Assert.That(failing["failingSince"], Is.Null);
    }

    [Test]
    public async Task A_slow_receiver_does_not_hold_up_another_subscriptions_deliveries()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        using var release = new SemaphoreSlim(0);
        slow.Respond = async context =>
        {
            await release.WaitAsync(TimeSpan.FromSeconds(8));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        };
        using var admin = Admin();
        await SubscribeAsync(admin, slow.Url());
        await SubscribeAsync(admin, _receiver.Url());

        await PutBySourceAsync(admin, "1", "Bài một");
        await _receiver.WaitForDeliveredAsync(1);
        await PutBySourceAsync(admin, "2", "Bài hai");
        var delivered = await _receiver.WaitForDeliveredAsync(2, TimeSpan.FromSeconds(5));
        var slowAnswered = slow.Requests.Count;
        release.Release(2);

        Assert.That(delivered, Has.Count.EqualTo(2), "the second article went out while the slow receiver held the first");
        Assert.That(slowAnswered, Is.Zero, "the slow receiver had not answered yet");
    }

    [Test]
    public async Task A_410_Gone_disables_the_subscription_and_is_audited()
    {
        using var admin = Admin();
        var (subscription, _) = await SubscribeAsync(admin, _receiver.Url());
        _receiver.Status = StatusCodes.Status410Gone;

        await PutBySourceAsync(admin, "1", "Tọa đàm");

        await WaitForAttemptAsync(admin, subscription, d => d["status"]!.GetValue<string>() == "failed");
        var webhook = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/webhooks/{subscription}"));
        Assert.That(webhook["enabled"]!.GetValue<bool>(), Is.False);
        Assert.That(webhook["disabledReason"]!.GetValue<string>(), Is.EqualTo("410 Gone"));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "webhook.disabled" && e.TargetId == subscription.ToString())),
            Is.EqualTo(1));

        await PutBySourceAsync(admin, "2", "Bài khác");
        Assert.That(await QueryAsync(db => db.WebhookDeliveries.CountAsync()), Is.EqualTo(1), "a disabled subscription gets no new deliveries");
    }

    [Test]
    public async Task A_subscription_that_fails_every_delivery_for_three_days_is_disabled_and_audited()
    {
        using var admin = Admin();
        var (subscription, _) = await SubscribeAsync(admin, _receiver.Url());
        _receiver.Status = StatusCodes.Status500InternalServerError;
        await PutBySourceAsync(admin, "1", "Tọa đàm");
        await WaitForAttemptAsync(admin, subscription, d => d["attempts"]!.GetValue<int>() >= 1);
        var stillOn = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/webhooks/{subscription}"));
        Assert.That(stillOn["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(stillOn["failingSince"], Is.Not.Null);

        Factory.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(1));
        await PutBySourceAsync(admin, "2", "Bài khác");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonObject disabled;
        do
        {
            await Task.Delay(50);
            disabled = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/webhooks/{subscription}"));
        }
        while (disabled["enabled"]!.GetValue<bool>() && DateTime.UtcNow < deadline);

        Assert.That(disabled["enabled"]!.GetValue<bool>(), Is.False);
        Assert.That(disabled["disabledReason"]!.GetValue<string>(), Does.Contain("3 days"));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "webhook.disabled")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure_to_retry()
    {
        await using var elsewhere = await WebhookReceiver.StartAsync();
        using var admin = Admin();
        var (subscription, _) = await SubscribeAsync(admin, _receiver.Url());
        _receiver.Respond = context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = elsewhere.Url("/stolen");
            return Task.CompletedTask;
        };

        await PutBySourceAsync(admin, "1", "Tọa đàm");

        var delivery = await WaitForAttemptAsync(admin, subscription, d => d["attempts"]!.GetValue<int>() >= 1);
        var detail = await DeliveryAsync(admin, subscription, delivery["id"]!.GetValue<string>());
        Assert.That(detail["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(detail["attemptLog"]![0]!["statusCode"]!.GetValue<int>(), Is.EqualTo(302));
        Assert.That(detail["nextAttemptAt"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(detail["lastAttemptAt"]!.GetValue<DateTimeOffset>()));
        Assert.That(elsewhere.Requests, Is.Empty);
    }

    [Test]
    public async Task A_test_ping_and_a_redelivery_reach_the_receiver_with_one_webhook_id()
    {
        using var admin = Admin();
        var (subscription, _) = await SubscribeAsync(admin, _receiver.Url());

        var ping = await admin.PostAsync($"/api/v1/admin/webhooks/{subscription}/test", null);
        Assert.That((int)ping.StatusCode, Is.EqualTo(202));
        var id = (await ReadJsonAsync(ping))["id"]!.GetValue<string>();
        var first = (await _receiver.WaitForDeliveredAsync(1)).Single();
        Assert.That(EventOf(first), Is.EqualTo(WebhookEventTypes.Test));
        Assert.That(first.Id, Is.EqualTo(id));
        await WaitForAttemptAsync(admin, subscription, d => d["status"]!.GetValue<string>() == "succeeded");

        var again = await admin.PostAsync($"/api/v1/admin/webhooks/{subscription}/deliveries/{id}/redeliver", null);
        Assert.That((int)again.StatusCode, Is.EqualTo(202));
        var both = await _receiver.WaitForDeliveredAsync(2);
        Assert.That(both.Select(r => r.Id), Is.EqualTo(new[] { id, id }));
        Assert.That(both[1].Body, Is.EqualTo(first.Body));
    }

    [Test]
    public async Task Deliveries_written_by_an_instance_that_stops_before_sending_them_arrive_from_another()
    {
        using var admin = Admin();
        var (subscription, _) = await SubscribeAsync(admin, _receiver.Url());
        _receiver.Status = StatusCodes.Status503ServiceUnavailable;
        await using (var doomed = new SecondInstance())
        {
            using var client = doomed.CreateClient(KhoaGiaoApiFactory.BootstrapAdminKey);
            await PutBySourceAsync(client, "1", "Tọa đàm");
        }

        // Past any lease the stopped instance left, and until this instance has tried and recorded it: no send is in
        // flight when the receiver comes back (moving the clock past a lease mid-send would let a second send start).
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline
            && !await QueryAsync(db => db.WebhookDeliveries.AnyAsync(d => d.LeasedUntil == null && d.Attempts >= 1)))
        {
            await Task.Delay(50);
        }

        _receiver.Status = StatusCodes.Status200OK;
        Factory.Clock.Advance(TimeSpan.FromHours(1));

        await _receiver.WaitForDeliveredAsync(1);
        await Task.Delay(500);
        Assert.That(_receiver.Delivered.Select(EventOf), Is.EqualTo(new[] { "article.published" }));
        Assert.That(await QueryAsync(db => db.WebhookDeliveries.SingleAsync(d => d.SubscriptionId == subscription)),
            Has.Property(nameof(WebhookDelivery.Status)).EqualTo(WebhookDeliveryStatus.Succeeded));
    }
}
