using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class ListArticlesTests : ApiTest
{
    private static async Task<JsonObject> ListAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/articles" + query);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static IEnumerable<string> Titles(JsonObject page) =>
        page["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>());

    [Test]
    public async Task ListArticles_shows_only_published_due_articles_newest_first_without_bodies()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        await ArticleBuilder.CreatePublishedAsync(admin, "Bài cũ", now.AddDays(-2));
        await ArticleBuilder.CreatePublishedAsync(admin, "Bài mới", now.AddHours(-1));
        await ArticleBuilder.CreatePublishedAsync(admin, "Bài hẹn giờ", now.AddDays(1));
        await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp"));

        using var anonymous = Anonymous();
        var page = await ListAsync(anonymous);

        Assert.That(Titles(page), Is.EqualTo(new[] { "Bài mới", "Bài cũ" }));
        Assert.That(page["items"]![0]!.AsObject().ContainsKey("body"), Is.False);
        Assert.That(page["nextCursor"], Is.Null);
    }

    [Test]
    public async Task ListArticles_pages_neither_skip_nor_repeat_while_new_articles_are_published()
    {
        using var admin = Admin();
        var start = Factory.Clock.GetUtcNow().AddDays(-30);
        for (var i = 0; i < 7; i++)
        {
            await ArticleBuilder.CreatePublishedAsync(admin, $"Bài {i}", start.AddDays(i));
        }

        using var anonymous = Anonymous();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(anonymous, "?limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(Titles(page));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
            await ArticleBuilder.CreatePublishedAsync(admin, $"Bài chen ngang {pages}");
        }
        while (cursor is not null);

        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 7).Reverse().Select(i => $"Bài {i}")));
        Assert.That(pages, Is.EqualTo(3));
    }

    [Test]
    public async Task ListArticles_keeps_order_for_articles_published_at_the_same_instant()
    {
        using var admin = Admin();
        var instant = Factory.Clock.GetUtcNow().AddHours(-3);
        for (var i = 0; i < 5; i++)
        {
            await ArticleBuilder.CreatePublishedAsync(admin, $"Cùng giờ {i}", instant);
        }

        using var anonymous = Anonymous();
        var first = await ListAsync(anonymous, "?limit=2");
        var second = await ListAsync(anonymous, $"?limit=2&cursor={first["nextCursor"]}");
        var third = await ListAsync(anonymous, $"?limit=2&cursor={second["nextCursor"]}");

        var all = Titles(first).Concat(Titles(second)).Concat(Titles(third)).ToList();
        Assert.That(all, Is.Unique.And.Count.EqualTo(5));
        Assert.That(third["nextCursor"], Is.Null);
    }

    [Test]
    public async Task ListArticles_filters_by_category_tag_and_time()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        await ArticleBuilder.CreatePublishedAsync(admin, "Tọa đàm", now.AddDays(-10), category: "Hoạt động", tags: ["Tọa đàm"]);
        await ArticleBuilder.CreatePublishedAsync(admin, "Hội nghị", now.AddDays(-5), category: "Hoạt động", tags: ["Hội nghị"]);
        await ArticleBuilder.CreatePublishedAsync(admin, "Giáo dục", now.AddDays(-1), category: "Giáo dục", tags: ["Tọa đàm"]);

        using var anonymous = Anonymous();
        Assert.That(Titles(await ListAsync(anonymous, "?category=hoat-dong")), Is.EqualTo(new[] { "Hội nghị", "Tọa đàm" }));
        Assert.That(Titles(await ListAsync(anonymous, "?tag=toa-dam")), Is.EqualTo(new[] { "Giáo dục", "Tọa đàm" }));
        var from = Uri.EscapeDataString(now.AddDays(-7).ToString("O"));
        var to = Uri.EscapeDataString(now.AddDays(-2).ToOffset(TimeSpan.FromHours(7)).ToString("O"));
        Assert.That(Titles(await ListAsync(anonymous, $"?from={from}&to={to}")), Is.EqualTo(new[] { "Hội nghị" }));
    }

    [TestCase("toa dam", new[] { "Tọa đàm khoa giáo", "Toạ đàm giáo dục" })]
    [TestCase("TỌA ĐÀM khoa", new[] { "Tọa đàm khoa giáo" })]
    [TestCase("hòa bình", new[] { "Hoà bình và phát triển" })]
    [TestCase("dang bo", new[] { "Hội nghị Đảng bộ" })]
    [TestCase("khong co", new string[0])]
    public async Task ListArticles_q_matches_every_word_without_case_or_diacritics(string q, string[] expected)
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        await ArticleBuilder.CreatePublishedAsync(admin, "Tọa đàm khoa giáo", now.AddHours(-1));
        await ArticleBuilder.CreatePublishedAsync(admin, "Toạ đàm giáo dục", now.AddHours(-2));
        await ArticleBuilder.CreatePublishedAsync(admin, "Hoà bình và phát triển", now.AddHours(-3));
        await ArticleBuilder.CreatePublishedAsync(admin, "Hội nghị Đảng bộ", now.AddHours(-4));
        await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tọa đàm bản nháp"));

        using var anonymous = Anonymous();
        Assert.That(Titles(await ListAsync(anonymous, "?q=" + Uri.EscapeDataString(q))), Is.EqualTo(expected));
    }

    [Test]
    public async Task ListArticles_reads_dates_without_an_offset_as_Ho_Chi_Minh_dates()
    {
        using var admin = Admin();
        // 06:30 on 16 August in Hà Nội is still 15 August in UTC.
        await ArticleBuilder.CreatePublishedAsync(admin, "Tin sáng sớm", new DateTimeOffset(2023, 8, 16, 6, 30, 0, TimeSpan.FromHours(7)));
        await ArticleBuilder.CreatePublishedAsync(admin, "Tin hôm trước", new DateTimeOffset(2023, 8, 15, 23, 0, 0, TimeSpan.FromHours(7)));

        using var anonymous = Anonymous();
        Assert.That(Titles(await ListAsync(anonymous, "?from=2023-08-16&to=2023-08-17")), Is.EqualTo(new[] { "Tin sáng sớm" }));
        await AssertValidationProblemAsync(await anonymous.GetAsync("/api/v1/articles?from=2023-08-17&to=2023-08-16"), "to");
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/articles?from=hom-nay"), 400);
    }

    [TestCase("?limit=0", "limit")]
    [TestCase("?limit=101", "limit")]
    [TestCase("?cursor=khong-phai-con-tro", "cursor")]
    [TestCase("?from=2023-09-01T00:00:00Z&to=2023-08-01T00:00:00Z", "to")]
    public async Task ListArticles_with_bad_paging_returns_validation_problem(string query, string field)
    {
        using var anonymous = Anonymous();
        await AssertValidationProblemAsync(await anonymous.GetAsync("/api/v1/articles" + query), field);
    }

    [Test]
    public async Task ListArticles_with_a_non_numeric_limit_returns_400_problem()
    {
        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/articles?limit=abc"), 400);
    }

    [Test]
    public async Task ListArticles_default_page_size_is_20()
    {
        using var admin = Admin();
        for (var i = 0; i < 21; i++)
        {
            await ArticleBuilder.CreatePublishedAsync(admin, $"Bài {i}", Factory.Clock.GetUtcNow().AddMinutes(-i - 1));
        }

        using var anonymous = Anonymous();
        var page = await ListAsync(anonymous);
        Assert.That(page["items"]!.AsArray(), Has.Count.EqualTo(20));
        Assert.That(page["nextCursor"], Is.Not.Null);
    }
}
