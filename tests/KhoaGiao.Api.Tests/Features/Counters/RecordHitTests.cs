using System.Net;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.Features.Counters.CounterTestSupport;

namespace KhoaGiao.Api.Tests.Features.Counters;

public sealed class RecordHitTests : ApiTest
{
    [Test]
    public async Task RecordHit_counts_one_visit_and_one_article_view()
    {
        var article = await PublishedArticleAsync("Tin được đọc");
        using var client = Anonymous();

        var response = await HitAsync(client, Guid.NewGuid(), article);
        await FlushAsync(Factory.Services);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await QueryAsync(db => db.VisitorDays.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.DailyVisits.SumAsync(d => d.Visits)), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.ArticleViewTotals.SingleAsync(t => t.ArticleId == article)), Has.Property("Views").EqualTo(1));
        await TestDatabase.EvictDeliveryCacheAsync();
        var body = await ReadJsonAsync(await client.GetAsync("/api/v1/articles/tin-duoc-doc"));
        Assert.That(body["viewCount"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task RecordHit_from_sendBeacon_as_text_plain_naming_the_article_by_slug_counts_its_view()
    {
        await PublishedArticleAsync("Tin gửi bằng sendBeacon");
        using var client = Anonymous();
        var body = new StringContent("""{"visitorId":"6f1c2a0e-3b7d-4c59-9a51-2d8e4f0b7c13","articleSlug":"tin-gui-bang-sendbeacon","path":"/tin"}""",
            System.Text.Encoding.UTF8, "text/plain");

        var response = await client.PostAsync("/api/v1/hits", body);
        await FlushAsync(Factory.Services);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await QueryAsync(db => db.ArticleViewTotals.SumAsync(t => t.Views)), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.DailyVisits.SumAsync(d => d.Visits)), Is.EqualTo(1));
    }

    [Test]
    public async Task RecordHit_with_an_unknown_slug_both_names_another_type_or_unreadable_text_is_refused_and_counts_nothing()
    {
        var article = await PublishedArticleAsync("Tin có slug");
        using var client = Anonymous();
        StringContent Body(string json, string type) => new(json, System.Text.Encoding.UTF8, type);

        var unknown = await client.PostAsync("/api/v1/hits", Body("""{"articleSlug":"khong-co-tin-nay"}""", "text/plain"));
        var both = await client.PostAsync("/api/v1/hits", Body($$"""{"articleId":"{{article}}","articleSlug":"tin-co-slug"}""", "application/json"));
        var html = await client.PostAsync("/api/v1/hits", Body("""{"articleSlug":"tin-co-slug"}""", "text/html"));
        var garbage = await client.PostAsync("/api/v1/hits", Body("articleSlug=tin-co-slug", "text/plain"));
        var wrongType = await client.PostAsync("/api/v1/hits", Body("""{"articleSlug":42}""", "text/plain"));
        await FlushAsync(Factory.Services);

        await AssertProblemAsync(unknown, 404);
        await AssertValidationProblemAsync(both, "articleSlug");
        await AssertProblemAsync(html, 415);
        await AssertProblemAsync(garbage, 400);
        await AssertValidationProblemAsync(wrongType, "articleSlug");
        Assert.That(await QueryAsync(db => db.DailyVisits.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.ArticleViewTotals.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task RecordHit_is_exact_under_many_parallel_hits()
    {
        var articles = new[] { await PublishedArticleAsync("Bài A"), await PublishedArticleAsync("Bài B"), await PublishedArticleAsync("Bài C") };
        var visitors = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        using var client = Anonymous();

        // Each visitor reads each article twice: the second read falls in the dedupe window.
        var hits = visitors.SelectMany(v => articles.SelectMany(a => new[] { (v, a), (v, a) })).ToArray();
        var responses = await Task.WhenAll(hits.Select(h => HitAsync(client, h.v, h.a)));
        await FlushAsync(Factory.Services);

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Accepted), Is.EqualTo(hits.Length));
        var views = await QueryAsync(db => db.ArticleViewTotals.ToDictionaryAsync(t => t.ArticleId, t => t.Views));
        Assert.That(articles.Select(a => views[a]), Is.All.EqualTo(visitors.Length));
        Assert.That(await QueryAsync(db => db.ArticleViewDays.SumAsync(d => d.Views)), Is.EqualTo(visitors.Length * articles.Length));
        Assert.That(await QueryAsync(db => db.DailyVisits.SumAsync(d => d.Visits)), Is.EqualTo(visitors.Length));
        Assert.That(await QueryAsync(db => db.VisitorActivity.CountAsync()), Is.EqualTo(visitors.Length));
    }

    [Test]
    public async Task RecordHit_counts_a_repeated_view_again_only_after_the_dedupe_window()
    {
        var article = await PublishedArticleAsync("Bài xem lại");
        var visitor = Guid.NewGuid();
        using var client = Anonymous();

        await HitAsync(client, visitor, article);
        Factory.Clock.Advance(TimeSpan.FromMinutes(29));
        await HitAsync(client, visitor, article);
        await FlushAsync(Factory.Services);
        Assert.That(await QueryAsync(db => db.ArticleViewTotals.Select(t => t.Views).SingleAsync()), Is.EqualTo(1));

        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await HitAsync(client, visitor, article);
        await FlushAsync(Factory.Services);
        Assert.That(await QueryAsync(db => db.ArticleViewTotals.Select(t => t.Views).SingleAsync()), Is.EqualTo(2));
    }

    [TestCase("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [TestCase("facebookexternalhit/1.1")]
    [TestCase("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0")]
    public async Task RecordHit_from_a_crawler_is_accepted_and_not_counted(string userAgent)
    {
        var article = await PublishedArticleAsync("Bài cho máy");
        using var client = Anonymous();

        var response = await HitAsync(client, Guid.NewGuid(), article, userAgent);
        await FlushAsync(Factory.Services);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await QueryAsync(db => db.VisitorDays.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.ArticleViewTotals.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task RecordHit_for_a_draft_or_unknown_article_returns_404_and_counts_nothing()
    {
        using var admin = Admin();
        var draft = (await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp")))["id"]!.GetValue<Guid>();
        using var client = Anonymous();

        await AssertProblemAsync(await HitAsync(client, Guid.NewGuid(), draft), 404);
        await AssertProblemAsync(await HitAsync(client, Guid.NewGuid(), Guid.NewGuid()), 404);
        await FlushAsync(Factory.Services);

        Assert.That(await QueryAsync(db => db.VisitorDays.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.ArticleViewTotals.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task RecordHit_with_an_empty_visitor_id_or_a_long_path_returns_validation_problem_and_counts_nothing()
    {
        using var client = Anonymous();
        var response = await client.PostAsync("/api/v1/hits", System.Net.Http.Json.JsonContent.Create(new { visitorId = Guid.Empty, path = new string('/', 2049) }));

        await AssertValidationProblemAsync(response, "visitorId", "path");
        await FlushAsync(Factory.Services);
        Assert.That(await QueryAsync(db => db.VisitorDays.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task RecordHit_without_a_visitor_id_counts_a_device_once_a_day_and_stores_no_address()
    {
        using var client = Anonymous();
        await HitAsync(client, null, userAgent: "Mozilla/5.0 (iPhone)");
        await HitAsync(client, null, userAgent: "Mozilla/5.0 (iPhone)");
        await HitAsync(client, null, userAgent: "Mozilla/5.0 (Android)");
        await FlushAsync(Factory.Services);

        var visitors = await QueryAsync(db => db.VisitorDays.Select(v => v.VisitorId).ToListAsync());
        Assert.That(visitors, Has.Count.EqualTo(2).And.Unique);
        Assert.That(visitors.Select(v => v.ToString()), Has.None.Contains("127.0.0.1"));
    }
}
