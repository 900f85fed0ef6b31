using System.Text;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Imports;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Imports;

public sealed class FeedImportTests : ImportTest
{
    private const string Rss = "application/rss+xml; charset=utf-8";

    [Test]
    public async Task Rss_items_become_articles_with_every_field_mapped()
    {
        Server.Serve("/rss/chinh-tri.rss", Fixture("baohanam.rss.xml"), Rss);

        var (outcome, progress) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss/chinh-tri.rss"), category: "Tin tổng hợp"));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Succeeded), outcome.Error);
        AssertCounts(progress, created: 3);
        var articles = await ArticlesOfAsync();
        var first = articles["bhn-1001"];
        Assert.Multiple(() =>
        {
            Assert.That(first.Title, Is.EqualTo("Tọa đàm “Nâng cao chất lượng công tác khoa giáo” – Hà Nam"));
            Assert.That(first.Summary, Is.EqualTo("Chiều 16/8, Ban Tuyên giáo Tỉnh ủy tổ chức Tọa đàm …"));
            Assert.That(first.Body, Does.Contain("src=\"https://baohanam.example/uploads/2023/08/dai-bieu.jpg\""));
            Assert.That(first.Body, Does.Contain("<figcaption>Các đại biểu dự tọa đàm.</figcaption>"));
            Assert.That(first.Body, Does.Contain("src=\"https://baohanam.example/uploads/2023/08/lazy.jpg\""), "the lazy photo's real address");
            Assert.That(first.Body, Does.Contain("href=\"https://baohanam.example/chinh-tri/bai-khac.html\""));
            Assert.That(first.Body, Does.Contain("tỉnh Hà Nam đạt nhiều kết quả &amp; tiến bộ"), "decomposed marks composed (NFC)");
            Assert.That(first.Body.IsNormalized(NormalizationForm.FormC), Is.True);
            Assert.That(first.CoverImageUrl, Is.EqualTo("https://baohanam.example/uploads/2023/08/toa-dam.jpg"));
            Assert.That(first.Category?.Name, Is.EqualTo("Tin tổng hợp"));
            Assert.That(first.Tags.Select(t => t.Name), Is.EquivalentTo(new[] { "Khoa giáo", "Tọa đàm" }));
            Assert.That(first.Source.Name, Is.EqualTo("Báo Hà Nam"));
            Assert.That(first.Source.Url, Is.EqualTo("https://baohanam.example/chinh-tri/toa-dam-khoa-giao-1001.html"));
            Assert.That(first.Status, Is.EqualTo(ArticleStatus.Published));
            Assert.That(first.PublishedAt, Is.EqualTo(new DateTimeOffset(2023, 8, 16, 11, 0, 0, TimeSpan.Zero)));
        });

        // No guid: the link identifies it; no full text: the description is the body.
        var second = articles["https://baohanam.example/chinh-tri/hoi-nghi-bao-cao-vien-1002.html"];
        Assert.Multiple(() =>
        {
            Assert.That(second.Body, Does.Contain("href=\"https://baohanam.example/dia-diem\""));
            Assert.That(second.Summary, Is.Null);
            Assert.That(second.CoverImageUrl, Is.EqualTo("https://baohanam.example/uploads/2023/08/hoi-nghi.jpg"), "an image enclosure is the cover");
            Assert.That(second.PublishedAt, Is.EqualTo(new DateTimeOffset(2023, 8, 15, 2, 30, 0, TimeSpan.Zero)));
            Assert.That(second.Tags.Select(t => t.Name), Is.EqualTo(new[] { "Tuyên truyền" }));
        });
    }

    [Test]
    public async Task A_hostile_body_is_sanitised_like_any_body()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), Rss);

        await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss")));

        var body = (await ArticlesOfAsync())["bhn-1003"].Body;
        Assert.That(body, Does.Contain("Nội dung an toàn."));
        Assert.That(body, Does.Not.Contain("<script").And.Not.Contain("onclick").And.Not.Contain("javascript:")
            .And.Not.Contain("onerror").And.Not.Contain("<iframe").And.Not.Contain("alert("));
    }

    [Test]
    public async Task Importing_the_same_feed_again_changes_nothing()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), Rss);
        await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss"), category: "Tin tổng hợp"));
        var before = await StateAsync();

        var (outcome, progress) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss"), category: "Tin tổng hợp"));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Succeeded));
        AssertCounts(progress, unchanged: 3);
        Assert.That(await StateAsync(), Is.EqualTo(before), "versions, revisions and the change log are as they were");
    }

    [Test]
    public async Task An_item_edited_at_the_source_updates_the_article_and_only_it()
    {
        var feed = Encoding.UTF8.GetString(Fixture("baohanam.rss.xml"));
        Server.Serve("/rss", feed, Rss);
        await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss")));
        var before = await ArticlesOfAsync();
        Server.Serve("/rss", feed.Replace("Bài có mã độc", "Bài đã được biên tập lại"), Rss);

        var (outcome, progress) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss")));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Succeeded));
        AssertCounts(progress, updated: 1, unchanged: 2);
        var after = await ArticlesOfAsync();
        Assert.That(after["bhn-1003"].Title, Is.EqualTo("Bài đã được biên tập lại"));
        Assert.That(after["bhn-1003"].Version, Is.Not.EqualTo(before["bhn-1003"].Version));
        Assert.That(after["bhn-1001"].Version, Is.EqualTo(before["bhn-1001"].Version));
        var revisions = await QueryAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == after["bhn-1003"].Id)
            .OrderBy(r => r.Number).Select(r => new { r.Action, r.ActorName }).ToListAsync());
        Assert.That(revisions.Select(r => r.Action), Is.EqualTo(new[] { "created", "published", "updated" }));
        Assert.That(revisions.Select(r => r.ActorName).Distinct(), Is.EqualTo(new[] { "Importer" }));
        var change = await QueryAsync(db => db.Changes.SingleAsync(c => c.EntityId == after["bhn-1003"].Id));
        Assert.That(change.Slug, Is.EqualTo(after["bhn-1003"].Slug));
    }

    [Test]
    public async Task New_articles_are_drafts_without_publish_and_an_editors_unpublishing_holds_on_reimport()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), Rss);
        await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss"), name: "Nguồn nháp", publish: false));
        Assert.That((await ArticlesOfAsync("Nguồn nháp")).Values.Select(a => a.Status), Is.All.EqualTo(ArticleStatus.Draft));

        await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss")));
        var published = (await ArticlesOfAsync())["bhn-1001"];
        using var admin = Admin();
        var unpublish = await admin.PostAsync($"/api/v1/admin/articles/{published.Id}/unpublish", null);
        Assert.That((int)unpublish.StatusCode, Is.EqualTo(StatusCodes.Status200OK));

        var (_, progress) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss")));

        AssertCounts(progress, unchanged: 3);
        Assert.That((await ArticlesOfAsync())["bhn-1001"].Status, Is.EqualTo(ArticleStatus.Draft));
    }

    [Test]
    public async Task Atom_entries_become_articles_with_every_field_mapped()
    {
        Server.Serve("/atom", Fixture("baohanam.atom.xml"), "application/atom+xml");

        var (outcome, progress) = await ImportAsync(Source(ImportKind.Atom, Server.Url("/atom")));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Succeeded), outcome.Error);
        AssertCounts(progress, created: 2);
        var articles = await ArticlesOfAsync();
        var html = articles["tag:baohanam.example,2023:2001"];
        var text = articles["tag:baohanam.example,2023:2002"];
        Assert.Multiple(() =>
        {
            Assert.That(html.Title, Is.EqualTo("Khai mạc Hội thao \"Vì sức khỏe cộng đồng\""));
            Assert.That(html.Summary, Is.EqualTo("Sáng 12/8, hội thao khai mạc tại sân vận động tỉnh."));
            Assert.That(html.Body, Does.Contain("src=\"https://baohanam.example/uploads/van-dong-vien.jpg\""));
            Assert.That(html.CoverImageUrl, Is.EqualTo("https://baohanam.example/uploads/hoi-thao.png"));
            Assert.That(html.Tags.Select(t => t.Name), Is.EquivalentTo(new[] { "Thể thao", "suc-khoe" }));
            Assert.That(html.Source.Url, Is.EqualTo("https://baohanam.example/the-thao/hoi-thao-2001.html"));
            Assert.That(html.PublishedAt, Is.EqualTo(new DateTimeOffset(2023, 8, 12, 0, 30, 0, TimeSpan.Zero)), "published, not updated");
            Assert.That(text.Body, Is.EqualTo("Lịch tiếp công dân tháng 8 &lt;kèm theo&gt; phụ lục."), "text content is text, not markup");
            Assert.That(text.Summary, Is.Null);
            Assert.That(text.PublishedAt, Is.EqualTo(new DateTimeOffset(2023, 8, 10, 8, 0, 0, TimeSpan.Zero)), "updated, when not published");
        });
    }

    [Test]
    public async Task A_Windows_1258_feed_is_read_as_Vietnamese_in_NFC()
    {
        Server.Serve("/rss-1258", Fixture("windows-1258.rss.xml"), "application/rss+xml");

        var (outcome, _) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss-1258")));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Succeeded), outcome.Error);
        var article = (await ArticlesOfAsync())["bhn-3001"];
        Assert.That(article.Title, Is.EqualTo("Đồng chí Bí thư Tỉnh ủy thăm và tặng quà gia đình chính sách"));
        Assert.That(article.Title.IsNormalized(NormalizationForm.FormC), Is.True);
        Assert.That(article.Body, Does.Contain("Ngày Thương binh – Liệt sĩ, đoàn công tác đã đến thăm"));
    }

    [Test]
    public async Task A_charset_the_server_declares_wins_over_the_documents_own()
    {
        var latin = Encoding.GetEncoding(1258).GetString(Fixture("windows-1258.rss.xml"))
            .Replace("encoding=\"windows-1258\"", "encoding=\"utf-8\"");
        Server.Serve("/rss-declared", Encoding.GetEncoding(1258).GetBytes(latin), "text/xml; charset=windows-1258");

        var (outcome, _) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss-declared")));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Succeeded), outcome.Error);
        Assert.That((await ArticlesOfAsync())["bhn-3001"].Title, Does.StartWith("Đồng chí Bí thư Tỉnh ủy"));
    }

    [Test]
    public async Task A_malformed_feed_fails_with_a_clear_message_and_imports_nothing()
    {
        Server.Serve("/broken", Fixture("malformed.rss.xml"), Rss);

        var (outcome, progress) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/broken")));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Failed));
        Assert.That(outcome.Error, Does.Contain("is not a well-formed feed").And.Contain("Nothing was imported"));
        Assert.That(progress.Seen, Is.Zero);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        var run = await QueryAsync(db => db.ImportRuns.SingleAsync());
        Assert.That((run.Status, run.Error, run.FinishedAt is not null), Is.EqualTo((ImportRunStatus.Failed, outcome.Error, true)));
        Assert.That(await QueryAsync(db => db.ImportCheckpoints.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Items_published_before_the_since_date_are_skipped()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), Rss);

        var (_, progress) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss"), since: new DateTimeOffset(2023, 8, 15, 0, 0, 0, TimeSpan.FromHours(7))));

        AssertCounts(progress, created: 2, skipped: 1);
        Assert.That((await ArticlesOfAsync()).ContainsKey("bhn-1003"), Is.False);
    }

    [Test]
    public async Task A_source_on_a_private_address_is_refused_without_the_flag()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), Rss);
        var before = Server.Requests.Count;

        var (outcome, _) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss?key=secret"), allowPrivateAddress: false));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Failed));
        Assert.That(outcome.Error, Does.Contain("--allow-private-address").And.Not.Contain("secret"));
        Assert.That(Server.Requests.Count, Is.EqualTo(before), "no request reached the address");
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task A_5xx_answer_is_retried_and_requests_name_the_program()
    {
        var answered = 0;
        var feed = Fixture("baohanam.rss.xml");
        Server.Serve("/flaky", async context =>
        {
            if (Interlocked.Increment(ref answered) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            context.Response.ContentType = Rss;
            await context.Response.Body.WriteAsync(feed);
        });

        var (outcome, progress) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/flaky")));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Succeeded), outcome.Error);
        AssertCounts(progress, created: 3);
        var requests = Server.Requests.Where(r => r.PathAndQuery == "/flaky").ToList();
        Assert.That(requests.Select(r => r.AnsweredWith), Is.EqualTo(new[] { 503, 200 }));
        Assert.That(requests.Select(r => r.UserAgent), Is.All.StartsWith("KhoaGiao.Api-Importer/"));
    }

    [Test]
    public async Task A_source_that_keeps_failing_fails_the_run_with_its_status()
    {
        Server.Serve("/down", context =>
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        });

        var (outcome, _) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/down")));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Failed));
        Assert.That(outcome.Error, Does.Contain("answered 502"));
        Assert.That(Server.Requests.Count(r => r.PathAndQuery == "/down"), Is.EqualTo(4), "the request and three retries");
    }

    [Test]
    public async Task A_dry_run_counts_new_and_existing_articles_and_writes_nothing()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), Rss);
        var feed = Encoding.UTF8.GetString(Fixture("baohanam.rss.xml"));
        Server.Serve("/one", feed[..feed.IndexOf("<item>", feed.IndexOf("<item>") + 1)] + "</channel></rss>", Rss);
        await ImportAsync(Source(ImportKind.Rss, Server.Url("/one")));
        var before = await StateAsync();
        var runs = await QueryAsync(db => db.ImportRuns.CountAsync());

        var (outcome, progress) = await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss")), dryRun: true);

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Succeeded));
        AssertCounts(progress, created: 2, updated: 1);
        Assert.That(await StateAsync(), Is.EqualTo(before));
        Assert.That(await QueryAsync(db => db.ImportRuns.CountAsync()), Is.EqualTo(runs), "a dry run is not recorded");
    }

    /// <summary>What a write would change: the articles' versions, the revisions, the change log's position.</summary>
    private static Task<string> StateAsync() => QueryAsync(async db =>
        string.Join(",", await db.Articles.OrderBy(a => a.Id).Select(a => a.Id + ":" + a.Version).ToListAsync())
        + $"|{await db.ArticleRevisions.CountAsync()}|{await db.Changes.MaxAsync(c => (long?)c.Seq)}|{await db.Tags.CountAsync()}");
}
