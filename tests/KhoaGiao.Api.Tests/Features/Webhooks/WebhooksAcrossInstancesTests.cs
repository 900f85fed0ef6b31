using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Webhooks;

public sealed class WebhooksAcrossInstancesTests : TwoInstanceTest
{
    [Test]
    public async Task Two_instances_sending_one_outbox_send_each_delivery_exactly_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var a = Admin();
        using var b = Second.CreateClient(KhoaGiaoApiFactory.BootstrapAdminKey);
        await WebhookDeliveryTests.SubscribeAsync(a, receiver.Url(), "article.published");
        await WebhookDeliveryTests.SubscribeAsync(b, receiver.Url("/second"), "article.published");

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            WebhookDeliveryTests.PutBySourceAsync(i % 2 == 0 ? a : b, $"{i}", $"Tin số {i}")));

        var delivered = await receiver.WaitForDeliveredAsync(40);
        await Task.Delay(500);
        Assert.That(receiver.Requests, Has.Count.EqualTo(40), "every request answered once, none sent twice");
        Assert.That(receiver.Requests.Select(r => r.Id).Distinct().Count(), Is.EqualTo(40));
        Assert.That(delivered, Has.Count.EqualTo(40));
        Assert.That(await QueryAsync(db => db.WebhookAttempts.CountAsync()), Is.EqualTo(40));
    }
}
