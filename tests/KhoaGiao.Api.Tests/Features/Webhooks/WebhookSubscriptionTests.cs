using System.Net.Http.Json;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Webhooks;

public sealed class WebhookSubscriptionTests : ApiTest
{
    private static async Task<int> SubscriptionCountAsync() => await QueryAsync(db => db.WebhookSubscriptions.CountAsync());

    [Test]
    public async Task CreateWebhook_shows_the_secret_once_and_audits_the_subscription()
    {
        using var admin = Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/webhooks",
            new { url = $"http://{TestHostResolver.ReceiverHost}:8080/hooks", eventTypes = new[] { "article.*", "event.published" } });

        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        var created = await ReadJsonAsync(response);
        var id = created["id"]!.GetValue<Guid>();
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/admin/webhooks/{id}"));
        Assert.That(created["secret"]!.GetValue<string>(), Does.Match("^whsec_[A-Za-z0-9+/]{32}$"));
        Assert.That(created["enabled"]!.GetValue<bool>(), Is.True);
        var read = await admin.GetStringAsync($"/api/v1/admin/webhooks/{id}");
        Assert.That(read, Does.Not.Contain("secret\""));
        Assert.That(await admin.GetStringAsync("/api/v1/admin/webhooks"), Does.Not.Contain(created["secret"]!.GetValue<string>()));
        Assert.That(await QueryAsync(db => db.WebhookSubscriptions.Select(s => s.Secret).SingleAsync()),
            Is.Not.EqualTo(created["secret"]!.GetValue<string>()), "stored protected");
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "webhook.created")), Is.EqualTo(1));
    }

    [Test]
    public async Task CreateWebhook_with_unknown_event_types_or_no_url_returns_400_naming_the_fields_and_creates_nothing()
    {
        using var admin = Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = "", eventTypes = new[] { "article.published", "article.viewed" } });

        var problem = await AssertValidationProblemAsync(response, "url", "eventTypes[1]");
        Assert.That(problem["errors"]!["eventTypes[1]"]![0]!.GetValue<string>(), Does.Contain("article.viewed"));
        Assert.That(await SubscriptionCountAsync(), Is.Zero);
    }

    [Test]
    public async Task ReplaceWebhook_re_enables_a_disabled_subscription_and_clears_its_failure_record()
    {
        using var admin = Admin();
        var (id, _) = await WebhookDeliveryTests.SubscribeAsync(admin, $"http://{TestHostResolver.ReceiverHost}:8080/hooks");
        await QueryAsync(db => db.WebhookSubscriptions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Enabled, false)
            .SetProperty(x => x.DisabledReason, "410 Gone")
            .SetProperty(x => x.FailingSince, DateTimeOffset.UtcNow)));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/webhooks/{id}",
            new { url = $"http://{TestHostResolver.ReceiverHost}:8080/hooks", eventTypes = new[] { "*" }, enabled = true });

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var replaced = await ReadJsonAsync(response);
        Assert.That(replaced["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(replaced["disabledReason"], Is.Null);
        Assert.That(replaced["failingSince"], Is.Null);
        Assert.That(replaced["eventTypes"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(new[] { "*" }));
    }

    [Test]
    public async Task DeleteWebhook_removes_the_subscription_with_its_deliveries()
    {
        using var admin = Admin();
        var (id, _) = await WebhookDeliveryTests.SubscribeAsync(admin, $"http://{TestHostResolver.ReceiverHost}:1/hooks");
        await WebhookDeliveryTests.PutBySourceAsync(admin, "1", "Tọa đàm");
        Assert.That(await QueryAsync(db => db.WebhookDeliveries.CountAsync()), Is.EqualTo(1));

        Assert.That((int)(await admin.DeleteAsync($"/api/v1/admin/webhooks/{id}")).StatusCode, Is.EqualTo(204));

        Assert.That(await SubscriptionCountAsync(), Is.Zero);
        Assert.That(await QueryAsync(db => db.WebhookDeliveries.CountAsync()), Is.Zero);
        await AssertProblemAsync(await admin.GetAsync($"/api/v1/admin/webhooks/{id}"), 404);
    }

    [Test]
    public async Task Only_public_transitions_become_deliveries_and_a_subscription_gets_only_the_events_it_names()
    {
        using var admin = Admin();
        var (published, _) = await WebhookDeliveryTests.SubscribeAsync(admin, $"http://{TestHostResolver.ReceiverHost}:1/a", "article.published");
        var (everything, _) = await WebhookDeliveryTests.SubscribeAsync(admin, $"http://{TestHostResolver.ReceiverHost}:1/b", "*");

        await WebhookDeliveryTests.PutBySourceAsync(admin, "1", "Bản nháp", publish: false);
        await WebhookDeliveryTests.PutBySourceAsync(admin, "1", "Bản nháp sửa", publish: false);
        var article = await WebhookDeliveryTests.PutBySourceAsync(admin, "1", "Đã đăng");
        await WebhookDeliveryTests.PutBySourceAsync(admin, "1", "Đã đăng, sửa");
        var id = article["id"]!.GetValue<Guid>();
        Assert.That((int)(await admin.DeleteAsync($"/api/v1/admin/articles/{id}")).StatusCode, Is.EqualTo(204));

        var events = await QueryAsync(db => db.WebhookDeliveries.OrderBy(d => d.Position)
            .Select(d => new { d.SubscriptionId, d.EventType }).ToListAsync());
        Assert.That(events.Where(e => e.SubscriptionId == published).Select(e => e.EventType), Is.EqualTo(new[] { "article.published" }));
        Assert.That(events.Where(e => e.SubscriptionId == everything).Select(e => e.EventType),
            Is.EqualTo(new[] { "article.published", "article.updated", "article.deleted" }));
    }

    [TestCaseSource(typeof(WebhookDestinationsTests), nameof(WebhookDestinationsTests.BypassUrls))]
    public async Task CreateWebhook_refuses_an_address_inside_the_network_and_creates_nothing(string url)
    {
        using var admin = Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url, eventTypes = new[] { "*" } });

        await AssertValidationProblemAsync(response, "url");
        Assert.That(await SubscriptionCountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_name_that_resolves_inside_the_network_after_it_was_saved_reaches_nothing()
    {
        using var admin = Admin();
        await using var listener = await WebhookReceiver.StartAsync();
        await WebhookDeliveryTests.SubscribeAsync(admin, $"http://{TestHostResolver.RebindingName}:{listener.Port}/hooks");
        try
        {
            TestHostResolver.Rebind(System.Net.IPAddress.Loopback);

            await WebhookDeliveryTests.PutBySourceAsync(admin, "1", "Tọa đàm");

            var deadline = DateTime.UtcNow.AddSeconds(20);
            string? error = null;
            while (error is null && DateTime.UtcNow < deadline)
            {
                error = await QueryAsync(db => db.WebhookAttempts.Select(a => a.Error).FirstOrDefaultAsync());
                await Task.Delay(50);
            }

            Assert.That(error, Does.Contain(TestHostResolver.RebindingName));
            Assert.That(listener.Requests, Is.Empty);
            Assert.That(await QueryAsync(db => db.WebhookDeliveries.Select(d => d.Status).SingleAsync()),
                Is.EqualTo(KhoaGiao.Api.Features.Webhooks.WebhookDeliveryStatus.Pending), "retried later, as any failure");
        }
        finally
        {
            TestHostResolver.Rebind(System.Net.IPAddress.Parse("93.184.216.34"));
        }
    }
}
