using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Tests.Features.Counters;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Tests.Features.Sync;

/// <summary>
/// Two instances of the service on one database, as behind a load balancer: writes go through the suite's instance
/// (A) and readers ask a second one (B), which learns of them only through the change log's notifications. Each
/// test first makes B cache what it serves and proves the cache is in play (a change made in the database behind the
/// log's back does not show), then writes through A and polls B until it serves the change.
/// </summary>
public sealed class CrossInstanceEvictionTests : TwoInstanceTest
{
    /// <summary>How soon B must serve a change A committed.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    /// <summary>How long B is polled before the test gives up, so a failure is quick and still says how late B was.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    private IServiceProvider SecondServices => Second.Services;

    protected override Task OnSecondInstanceStartedAsync() =>
        SecondServices.GetRequiredService<ChangeListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The database was emptied behind B's back too: start B from an empty cache, as A starts.</summary>
    [SetUp]
    public Task EmptySecondInstanceCacheAsync() =>
        SecondServices.GetRequiredService<DeliveryCacheEviction>().EvictAsync(CancellationToken.None).AsTask();

    /// <summary>Writes the views B buffered, so none lands in a later test's tables.</summary>
    [TearDown]
    public Task FlushSecondInstanceHitsAsync() => CounterTestSupport.FlushAsync(SecondServices);

    [Test]
    public async Task An_article_published_through_one_instance_is_listed_by_the_other_within_a_second()
    {
        using var admin = Admin();
        using var reader = Second.CreateClient();
        var witness = await ArticleBuilder.CreatePublishedAsync(admin, "Tin đã đăng từ trước");
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin mới đăng qua máy A"));
        await AssertServedFromCacheAsync(reader, "/api/v1/articles", Id(witness));
        Assert.That(await ListedIdsAsync(reader), Does.Not.Contain(Id(article)));

        await PublishAsync(admin, Id(article));
        var elapsed = await PollAsync(async () => (await ListedIdsAsync(reader)).Contains(Id(article)));

        Assert.That(elapsed, Is.LessThan(Deadline), "B listed the article published through A too late");
    }

    [Test]
    public async Task An_article_unpublished_through_one_instance_is_gone_from_the_other_within_a_second()
    {
        using var admin = Admin();
        using var reader = Second.CreateClient();
        var article = await ArticleBuilder.CreatePublishedAsync(admin, "Tin sắp bị gỡ");
        var path = $"/api/v1/articles/{article["slug"]}";
        await AssertServedFromCacheAsync(reader, path, Id(article));
        await AssertServedFromCacheAsync(reader, "/api/v1/articles", Id(article));

        var unpublished = await admin.PostAsync($"/api/v1/admin/articles/{Id(article)}/unpublish", null);
        Assert.That(unpublished.StatusCode, Is.EqualTo(HttpStatusCode.OK), "unpublishing through A failed");
        var elapsed = await PollAsync(async () =>
        {
            using var single = await reader.GetAsync(path);
            return single.StatusCode == HttpStatusCode.NotFound && !(await ListedIdsAsync(reader)).Contains(Id(article));
        });

        Assert.That(elapsed, Is.LessThan(Deadline), "B still served the article unpublished through A");
    }

    [Test]
    public async Task The_beacon_of_one_instance_counts_views_of_an_article_published_through_the_other_at_once()
    {
        using var admin = Admin();
        using var visitor = Second.CreateClient();
        var visitorId = Guid.NewGuid();
        var article = Id(await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin được xem ngay")));
        var sinceLoaded = Stopwatch.StartNew();
        using (var early = await CounterTestSupport.HitAsync(visitor, visitorId, article))
        {
            Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "B's beacon took a view of a draft");
        }

        await PublishAsync(admin, article);
        var elapsed = await PollAsync(async () =>
        {
            using var hit = await CounterTestSupport.HitAsync(visitor, visitorId, article);
            return hit.StatusCode == HttpStatusCode.Accepted;
        });

        Assert.That(elapsed, Is.LessThan(Deadline), "B's beacon refused views of the article published through A too long");
        var refresh = TimeSpan.FromSeconds(SecondServices.GetRequiredService<IOptions<CountersOptions>>().Value.PublishedArticlesRefreshSeconds);
        Assert.That(sinceLoaded.Elapsed, Is.LessThan(refresh), "B's set of published articles may have been reloaded by age rather than by the log");
        await CounterTestSupport.FlushAsync(SecondServices);
        var views = await QueryAsync(db => db.ArticleViewTotals.Where(t => t.ArticleId == article).Select(t => t.Views).SingleOrDefaultAsync());
        Assert.That(views, Is.EqualTo(1));
    }

    [Test]
    public async Task An_article_the_scheduler_publishes_on_one_instance_is_listed_by_the_other_within_a_second()
    {
        using var admin = Admin();
        using var reader = Second.CreateClient();
        var witness = await ArticleBuilder.CreatePublishedAsync(admin, "Tin đã đăng từ trước");
        var article = Id(await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin hẹn giờ qua máy A")));
        var scheduled = await admin.PostAsJsonAsync($"/api/v1/admin/articles/{article}/publish",
            new { publishedAt = Factory.Clock.GetUtcNow().AddSeconds(2) });
        Assert.That((await ReadJsonAsync(scheduled))["status"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        await AssertServedFromCacheAsync(reader, "/api/v1/articles", Id(witness));

        Factory.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.That(await Factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None), Is.EqualTo(1));
        var elapsed = await PollAsync(async () => (await ListedIdsAsync(reader)).Contains(article));

        Assert.That(elapsed, Is.LessThan(Deadline), "B listed the article the scheduler published on A too late");
    }

    /// <summary>
    /// Makes B cache <paramref name="path"/>, then changes the title of <paramref name="articleId"/> in the database
    /// behind the change log (no record, no notification) and asserts that B still answers with its copy. A
    /// notification still on its way from the set-up's own writes may evict that copy once in between; then it
    /// tries again. A cache that is not in play fails every attempt.
    /// </summary>
    private static async Task AssertServedFromCacheAsync(HttpClient reader, string path, Guid articleId)
    {
        var attempts = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var cached = await ReadOkAsync(reader, path);
            var title = $"Tiêu đề sửa ngoài nhật ký {Guid.NewGuid():N}";
            var changed = await QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE articles SET title = {title} WHERE id = {articleId}"));
            Assert.That(changed, Is.EqualTo(1));
            var again = await ReadOkAsync(reader, path);
            if (again == cached)
            {
                return;
            }

            attempts.Add(again.Contains(title, StringComparison.Ordinal) ? "served the database's new title" : "served another answer");
        }

        Assert.Fail($"B did not serve {path} from its cache: {string.Join("; ", attempts)}");
    }

    /// <summary>Polls until <paramref name="served"/> holds; returns how long that took, failing after <see cref="GiveUpAfter"/>.</summary>
    private static async Task<TimeSpan> PollAsync(Func<Task<bool>> served)
    {
        var clock = Stopwatch.StartNew();
        while (!await served())
        {
            if (clock.Elapsed > GiveUpAfter)
            {
                Assert.Fail($"B did not serve the change within {GiveUpAfter.TotalSeconds} s");
            }

            await Task.Delay(PollEvery);
        }

        var elapsed = clock.Elapsed;
        TestContext.Out.WriteLine($"B served the change {elapsed.TotalMilliseconds:F0} ms after A committed it.");
        return elapsed;
    }

    private static async Task PublishAsync(HttpClient admin, Guid articleId)
    {
        var response = await admin.PostAsync($"/api/v1/admin/articles/{articleId}/publish", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "publishing through A failed");
    }

    private static async Task<string> ReadOkAsync(HttpClient reader, string path)
    {
        using var response = await reader.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"B answered {path} with {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<List<Guid>> ListedIdsAsync(HttpClient reader)
    {
        var list = JsonNode.Parse(await ReadOkAsync(reader, "/api/v1/articles"))!;
        return [.. list["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>())];
    }

    private static Guid Id(JsonObject item) => item["id"]!.GetValue<Guid>();
}
