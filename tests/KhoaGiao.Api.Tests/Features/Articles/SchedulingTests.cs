using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class SchedulingTests : ApiTest
{
    private static ScheduledPublisher Scheduler => Factory.Services.GetRequiredService<ScheduledPublisher>();

    [Test]
    public async Task A_scheduled_article_appears_at_its_time_and_not_before()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin hẹn giờ"));
        var publishAt = Factory.Clock.GetUtcNow().AddSeconds(30);
        var scheduled = await ReadJsonAsync(await admin.PostAsJsonAsync($"/api/v1/admin/articles/{article["id"]}/publish", new { publishedAt = publishAt }));
        Assert.That(scheduled["status"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        using var anonymous = Anonymous();

        Factory.Clock.Advance(TimeSpan.FromSeconds(25));
        Assert.That(await Scheduler.PublishDueAsync(CancellationToken.None), Is.Zero);
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/articles/tin-hen-gio"), 404);

        Factory.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.That(await Scheduler.PublishDueAsync(CancellationToken.None), Is.EqualTo(1));
        var published = await anonymous.GetAsync("/api/v1/articles/tin-hen-gio");
        Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(published))["publishedAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(publishAt).Within(TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task Two_scheduler_instances_publish_a_due_article_once()
    {
        using var admin = Admin();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request($"Tin hẹn giờ {i}"));
            await admin.PostAsJsonAsync($"/api/v1/admin/articles/{article["id"]}/publish", new { publishedAt = Factory.Clock.GetUtcNow().AddSeconds(5) });
            ids.Add(article["id"]!.GetValue<Guid>());
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(10));
        var other = ActivatorUtilities.CreateInstance<ScheduledPublisher>(Factory.Services);
        var counts = await Task.WhenAll(Scheduler.PublishDueAsync(CancellationToken.None), other.PublishDueAsync(CancellationToken.None));

        Assert.That(counts.Sum(), Is.EqualTo(5));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync(a => a.Status == ArticleStatus.Published)), Is.EqualTo(5));
        var published = await QueryAsync(db => db.AuditEntries.Where(e => e.Action == "article.published").Select(e => e.TargetId).ToListAsync());
        Assert.That(published, Is.EquivalentTo(ids.Select(id => id.ToString())));
        var revisions = await QueryAsync(db => db.ArticleRevisions.CountAsync(r => r.Action == "published"));
        Assert.That(revisions, Is.EqualTo(5));
    }

    [Test]
    public async Task A_scheduled_article_survives_a_restart_of_the_service()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin qua khởi động lại"));
        await admin.PostAsJsonAsync($"/api/v1/admin/articles/{article["id"]}/publish", new { publishedAt = Factory.Clock.GetUtcNow().AddSeconds(5) });

        await using (var restarted = Factory.WithWebHostBuilder(_ => { }))
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(10));
            Assert.That(await restarted.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None), Is.EqualTo(1));
        }

        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Status).SingleAsync()), Is.EqualTo(ArticleStatus.Published));
    }

    [Test]
    public async Task Publishing_a_scheduled_article_without_a_time_publishes_it_now()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin đổi ý"));
        await admin.PostAsJsonAsync($"/api/v1/admin/articles/{article["id"]}/publish", new { publishedAt = Factory.Clock.GetUtcNow().AddDays(1) });

        var now = await ReadJsonAsync(await admin.PostAsync($"/api/v1/admin/articles/{article["id"]}/publish", null));

        Assert.That(now["status"]!.GetValue<string>(), Is.EqualTo("published"));
        Assert.That(now["publishedAt"]!.GetValue<DateTimeOffset>(), Is.LessThanOrEqualTo(Factory.Clock.GetUtcNow()));
    }
}
