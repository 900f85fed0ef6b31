using System.Net;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.Features.Counters.CounterTestSupport;

namespace KhoaGiao.Api.Tests.Features.Counters;

/// <summary>
/// Views counted by two instances on one database, as behind a load balancer that sends a reader's requests to
/// either: the dedupe window holds across them, and every view that counts is counted once.
/// </summary>
public sealed class CountersAcrossInstancesTests : TwoInstanceTest
{
    /// <summary>Writes the hits B buffered, so none lands in a later test's tables.</summary>
    [TearDown]
    public Task FlushSecondInstanceHitsAsync() => FlushAsync(Second.Services);

    [Test]
    public async Task A_visitors_views_reaching_both_instances_within_the_window_count_once()
    {
        var article = await PublishedArticleAsync("Tin đọc qua hai máy");
        var visitor = Guid.NewGuid();
        using var a = Anonymous();
        using var b = Second.CreateClient();

        var responses = new List<HttpResponseMessage> { await HitAsync(a, visitor, article) };
        await FlushAsync(Factory.Services);
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        responses.Add(await HitAsync(b, visitor, article));
        await FlushAsync(Second.Services);
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        responses.Add(await HitAsync(b, visitor, article));
        responses.Add(await HitAsync(a, visitor, article));
        await FlushAsync(Second.Services);
        await FlushAsync(Factory.Services);

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await ViewsAsync(article), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.ArticleViewDays.Where(d => d.ArticleId == article).SumAsync(d => d.Views)), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.DailyVisits.SumAsync(d => d.Visits)), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_view_flushed_by_both_instances_at_once_counts_once()
    {
        var article = await PublishedArticleAsync("Tin hai máy cùng ghi");
        var visitors = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        using var a = Anonymous();
        using var b = Second.CreateClient();

        // Every visitor's view reaches both instances before either flushes: each buffer holds all of them as new.
        await Task.WhenAll(visitors.SelectMany(v => new[] { HitAsync(a, v, article), HitAsync(b, v, article) }));
        await Task.WhenAll(FlushAsync(Factory.Services), FlushAsync(Second.Services));

        Assert.That(await ViewsAsync(article), Is.EqualTo(visitors.Count));
        Assert.That(await QueryAsync(db => db.ArticleViewDays.Where(d => d.ArticleId == article).SumAsync(d => d.Views)), Is.EqualTo(visitors.Count));
        Assert.That(await QueryAsync(db => db.DailyVisits.SumAsync(d => d.Visits)), Is.EqualTo(visitors.Count));
    }

    [Test]
    public async Task Distinct_views_spread_over_both_instances_total_the_202s_answered()
    {
        var articles = new[] { await PublishedArticleAsync("Bài một"), await PublishedArticleAsync("Bài hai") };
        var visitors = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToList();
        using var a = Anonymous();
        using var b = Second.CreateClient();

        var responses = await Task.WhenAll(visitors.SelectMany((v, i) => articles.Select(article => HitAsync(i % 2 == 0 ? a : b, v, article))));
        await Task.WhenAll(FlushAsync(Factory.Services), FlushAsync(Second.Services));

        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.That(accepted, Is.EqualTo(visitors.Count * articles.Length));
        Assert.That(await ViewsAsync(articles[0]) + await ViewsAsync(articles[1]), Is.EqualTo(accepted));
    }

    [Test]
    public async Task A_view_after_the_window_counts_again_on_the_other_instance_and_old_marks_are_pruned()
    {
        var article = await PublishedArticleAsync("Tin đọc lại sau nửa giờ");
        var visitor = Guid.NewGuid();
        using var a = Anonymous();
        using var b = Second.CreateClient();

        await HitAsync(a, visitor, article);
        await FlushAsync(Factory.Services);
        Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        await HitAsync(b, visitor, article);
        await FlushAsync(Second.Services);
        Assert.That(await ViewsAsync(article), Is.EqualTo(2));
        Assert.That(await QueryAsync(db => db.CountedViews.CountAsync()), Is.EqualTo(1), "one mark per visitor and article");

        // Once the window has passed, the next flush's prune (at most once a minute) drops the mark.
        Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        await FlushAsync(Second.Services);
        Assert.That(await QueryAsync(db => db.CountedViews.CountAsync()), Is.Zero);
    }

    private static Task<long> ViewsAsync(Guid article) =>
        QueryAsync(db => db.ArticleViewTotals.Where(t => t.ArticleId == article).Select(t => t.Views).SingleOrDefaultAsync());
}
