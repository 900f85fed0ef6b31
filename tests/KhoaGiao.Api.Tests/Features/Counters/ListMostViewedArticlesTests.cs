using System.Text.Json.Nodes;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Tests.TestHost;
using KhoaGiao.Api.Time;

namespace KhoaGiao.Api.Tests.Features.Counters;

public sealed class ListMostViewedArticlesTests : ApiTest
{
    private static async Task<Guid> ArticleAsync(HttpClient admin, string title) =>
        (await ArticleBuilder.CreatePublishedAsync(admin, title, Factory.Clock.GetUtcNow().AddDays(-60)))["id"]!.GetValue<Guid>();

    private static async Task ViewsAsync(Guid article, DateOnly day, long views) =>
        await QueryAsync(async db =>
        {
            db.ArticleViewDays.Add(new ArticleViewDay { ArticleId = article, Day = day, Views = views });
            var total = await db.ArticleViewTotals.FindAsync(article);
            if (total is null)
            {
                db.ArticleViewTotals.Add(new ArticleViewTotal { ArticleId = article, Views = views });
            }
            else
            {
                total.Views += views;
            }

            return await db.SaveChangesAsync();
        });

    private static async Task<List<(string Title, long Views)>> RankingAsync(string period)
    {
        using var client = Anonymous();
        var response = await client.GetAsync($"/api/v1/articles/most-viewed?period={period}");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return (await ReadJsonAsync(response))["items"]!.AsArray()
            .Select(i => (i!["title"]!.GetValue<string>(), i["periodViews"]!.GetValue<long>()))
            .ToList();
    }

    /// <summary>Moves the fake clock to a mid-month Wednesday, so today, this week and this month are all different.</summary>
    private static DateOnly MoveClockToMidMonthWednesday()
    {
        var local = Factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).Date.AddDays(1);
        while (local.DayOfWeek != DayOfWeek.Wednesday || local.Day is < 10 or > 20)
        {
            local = local.AddDays(1);
        }

        Factory.Clock.SetUtcNow(new DateTimeOffset(local.AddHours(12), TimeSpan.FromHours(7)).ToUniversalTime());
        return DateOnly.FromDateTime(local);
    }

    [Test]
    public async Task MostViewed_ranks_by_views_in_the_calendar_day_week_month_or_all_time()
    {
        var today = MoveClockToMidMonthWednesday();
        using var admin = Admin();
        var monday = VietnamTime.WeekStart(today);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var hot = await ArticleAsync(admin, "Tin nóng hôm nay");
        var weekly = await ArticleAsync(admin, "Tin của tuần");
        var monthly = await ArticleAsync(admin, "Tin của tháng");
        var classic = await ArticleAsync(admin, "Tin kinh điển");

        await ViewsAsync(hot, today, 50);
        await ViewsAsync(weekly, monday, 80);
        await ViewsAsync(monthly, firstOfMonth, 120);
        await ViewsAsync(classic, firstOfMonth.AddMonths(-1), 1000);

        Assert.That(await RankingAsync("day"), Is.EqualTo(new[] { ("Tin nóng hôm nay", 50L) }));
        Assert.That(await RankingAsync("week"), Is.EqualTo(new[] { ("Tin của tuần", 80L), ("Tin nóng hôm nay", 50L) }));
        Assert.That(await RankingAsync("month"), Is.EqualTo(new[] { ("Tin của tháng", 120L), ("Tin của tuần", 80L), ("Tin nóng hôm nay", 50L) }));
        Assert.That(await RankingAsync("all"), Is.EqualTo(new[] { ("Tin kinh điển", 1000L), ("Tin của tháng", 120L), ("Tin của tuần", 80L), ("Tin nóng hôm nay", 50L) }));
    }

    [Test]
    public async Task MostViewed_leaves_out_articles_no_longer_published()
    {
        using var admin = Admin();
        var shown = await ArticleAsync(admin, "Còn đăng");
        var hidden = await ArticleAsync(admin, "Đã gỡ");
        var today = VietnamTime.DateOf(Factory.Clock.GetUtcNow());
        await ViewsAsync(shown, today, 5);
        await ViewsAsync(hidden, today, 500);
        await admin.PostAsync($"/api/v1/admin/articles/{hidden}/unpublish", null);

        Assert.That((await RankingAsync("day")).Select(r => r.Title), Is.EqualTo(new[] { "Còn đăng" }));
        Assert.That((await RankingAsync("all")).Select(r => r.Title), Is.EqualTo(new[] { "Còn đăng" }));
    }

    [TestCase("?period=year", "period")]
    [TestCase("?limit=0", "limit")]
    [TestCase("?limit=51", "limit")]
    public async Task MostViewed_with_bad_parameters_returns_validation_problem(string query, string field)
    {
        using var client = Anonymous();
        await AssertValidationProblemAsync(await client.GetAsync("/api/v1/articles/most-viewed" + query), field);
    }
}
