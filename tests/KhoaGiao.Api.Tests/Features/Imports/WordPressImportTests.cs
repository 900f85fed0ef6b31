using System.Text.Json;
using KhoaGiao.Api.Features.Imports;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Imports;

public sealed class WordPressImportTests : ImportTest
{
    private const string WordPressJson = "application/json; charset=UTF-8";

    private static string PostsPage(int page) => $"/wp-json/wp/v2/posts?per_page=100&page={page}&orderby=id&order=asc&_embed=1";

    [Test]
    public async Task Posts_become_articles_with_their_terms_and_featured_image()
    {
        Server.Serve(PostsPage(1), Fixture("wordpress-posts.json"), WordPressJson, new Dictionary<string, string> { ["X-WP-Total"] = "3", ["X-WP-TotalPages"] = "1" });
        Server.Serve("/wp-json/wp/v2/categories?per_page=100&include=8", Fixture("wordpress-categories.json"), WordPressJson);
        Server.Serve("/wp-json/wp/v2/tags?per_page=100&include=33", Fixture("wordpress-tags.json"), WordPressJson);

        var (outcome, progress) = await ImportAsync(Source(ImportKind.WordPress, Server.Url("/"), name: "Tin Tức"));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.CompletedWithFailures));
        AssertCounts(progress, created: 2, failed: 1);
        Assert.That(progress.Total, Is.EqualTo(3));
        Assert.That(progress.Failures.Single(), Is.EqualTo(new ImportFailure(2, "https://tintuc.example/?p=4103", "The post is password-protected.")));
        var articles = await ArticlesOfAsync("Tin Tức");
        var embedded = articles["https://tintuc.example/?p=4101"];
        var lookedUp = articles["https://tintuc.example/?p=4102"];
        Assert.Multiple(() =>
        {
            Assert.That(embedded.Title, Is.EqualTo("Ra quân chiến dịch tình nguyện “Mùa hè xanh”"));
            Assert.That(embedded.Summary, Is.EqualTo("Sáng 20/8, hơn 300 đoàn viên tham gia …"));
            Assert.That(embedded.Body, Does.Contain("src=\"https://tintuc.example/wp-content/uploads/2023/08/ra-quan.jpg\""));
            Assert.That(embedded.Body, Does.Contain("href=\"https://tintuc.example/doan-vien/\""));
            Assert.That(embedded.CoverImageUrl, Is.EqualTo("https://tintuc.example/wp-content/uploads/2023/08/ra-quan-cover.jpg"));
            Assert.That(embedded.Category?.Name, Is.EqualTo("Đoàn thể"));
            Assert.That(embedded.Tags.Select(t => t.Name), Is.EquivalentTo(new[] { "Thanh niên", "Tình nguyện" }));
            Assert.That(embedded.Source.Url, Is.EqualTo("https://tintuc.example/2023/08/20/ra-quan-chien-dich-tinh-nguyen/"));
            Assert.That(embedded.PublishedAt, Is.EqualTo(new DateTimeOffset(2023, 8, 20, 1, 15, 0, TimeSpan.Zero)), "date_gmt");
            Assert.That(lookedUp.Category?.Name, Is.EqualTo("Tuyên giáo"), "a category the embedding left out, looked up by id");
            Assert.That(lookedUp.Tags.Select(t => t.Name), Is.EqualTo(new[] { "Báo cáo viên" }));
        });
        var run = await QueryAsync(db => db.ImportRuns.SingleAsync());
        Assert.That(run.Failures.Select(f => f.Reason), Is.EqualTo(new[] { "The post is password-protected." }));
    }

    [Test]
    public async Task A_stopped_import_resumes_where_it_stopped()
    {
        var headers = new Dictionary<string, string> { ["X-WP-Total"] = "150", ["X-WP-TotalPages"] = "2" };
        Server.Serve(PostsPage(1), Posts(1, 100), WordPressJson, headers);
        Server.Serve(PostsPage(2), context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        var source = Source(ImportKind.WordPress, Server.Url(""), name: "Tin Tức");

        var (stopped, _) = await ImportAsync(source);

        Assert.That(stopped.Status, Is.EqualTo(ImportRunStatus.Failed));
        Assert.That(stopped.Error, Does.Contain("answered 503"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(100), "the first page stays imported");
        Assert.That(await QueryAsync(db => db.ImportCheckpoints.Select(c => c.Position).SingleAsync()), Is.EqualTo(100));

        Server.Serve(PostsPage(2), Posts(101, 150), WordPressJson, headers);
        var pageOneRequests = Server.Requests.Count(r => r.PathAndQuery == PostsPage(1));
        var (resumed, progress) = await ImportAsync(source);

        Assert.That(resumed.Status, Is.EqualTo(ImportRunStatus.Succeeded), resumed.Error);
        AssertCounts(progress, created: 50);
        Assert.That(progress.Resumed, Is.EqualTo(100));
        Assert.That(Server.Requests.Count(r => r.PathAndQuery == PostsPage(1)), Is.EqualTo(pageOneRequests), "the first page is not read again");
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(150));
        Assert.That(await QueryAsync(db => db.ImportCheckpoints.CountAsync()), Is.Zero, "a run read to its end leaves no checkpoint");
        var runs = await QueryAsync(db => db.ImportRuns.OrderBy(r => r.StartedAt).Select(r => new { r.Status, r.ResumedFrom, r.Created }).ToListAsync());
        Assert.That(runs.Select(r => (r.Status, r.ResumedFrom, r.Created)),
            Is.EqualTo(new[] { (ImportRunStatus.Failed, 0, 100), (ImportRunStatus.Succeeded, 100, 50) }));

        var (again, whole) = await ImportAsync(source);
        Assert.That(again.Status, Is.EqualTo(ImportRunStatus.Succeeded));
        AssertCounts(whole, unchanged: 150);
    }

    [Test]
    public async Task A_site_that_does_not_answer_with_posts_fails_the_run_clearly()
    {
        Server.Serve(PostsPage(1), "<html><body>Not WordPress</body></html>", "text/html");

        var (outcome, _) = await ImportAsync(Source(ImportKind.WordPress, Server.Url(""), name: "Tin Tức"));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Failed));
        Assert.That(outcome.Error, Does.Contain("malformed JSON"));
    }

    /// <summary>Posts with ids <paramref name="from"/>…<paramref name="to"/>, as the REST API lists them (embedded terms).</summary>
    private static string Posts(int from, int to) => JsonSerializer.Serialize(Enumerable.Range(from, to - from + 1).Select(id => new Dictionary<string, object>
    {
        ["id"] = id,
        ["date_gmt"] = "2023-08-01T01:00:00",
        ["guid"] = new { rendered = $"https://tintuc.example/?p={id}" },
        ["link"] = $"https://tintuc.example/bai-{id}/",
        ["title"] = new { rendered = $"Bài số {id} của trang tin" },
        ["content"] = new { rendered = $"<p>Nội dung bài {id}.</p>", @protected = false },
        ["excerpt"] = new { rendered = $"<p>Tóm tắt {id}.</p>" },
        ["_embedded"] = new Dictionary<string, object> { ["wp:term"] = new[] { new[] { new { id = 1, name = "Tin tức", taxonomy = "category" } } } },
    }));
}
