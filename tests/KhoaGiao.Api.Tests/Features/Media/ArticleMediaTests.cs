using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Media;

public sealed class ArticleMediaTests : ApiTest
{
    private static async Task<Guid> UploadAsync(HttpClient admin, int width, int height, string caption, string? credit = null)
    {
        var fields = new Dictionary<string, string> { ["caption"] = caption, ["alt"] = caption };
        if (credit is not null)
        {
            fields["credit"] = credit;
        }

        return (await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(width, height), fields: fields))["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonObject> PublishAsync(HttpClient admin, object request)
    {
        var created = await ArticleBuilder.CreateAsync(admin, request);
        var published = await admin.PostAsJsonAsync($"/api/v1/admin/articles/{created["id"]}/publish", new { });
        Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK), await published.Content.ReadAsStringAsync());
        return created;
    }

    [Test]
    public async Task An_article_with_a_cover_from_the_library_delivers_every_rendition_caption_and_credit()
    {
        using var admin = Admin();
        var cover = await UploadAsync(admin, 2000, 1333, "Các đại biểu dự tọa đàm.", "Báo Hà Nam");
        var created = await PublishAsync(admin, new { title = "Bài có ảnh bìa", body = "<p>Nội dung.</p>", coverImageId = cover });

        using var anonymous = Anonymous();
        var article = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/articles/{created["slug"]}"));
        Assert.That(article["cover"]!["id"]!.GetValue<Guid>(), Is.EqualTo(cover));
        Assert.That(article["cover"]!["caption"]!.GetValue<string>(), Is.EqualTo("Các đại biểu dự tọa đàm."));
        Assert.That(article["cover"]!["credit"]!.GetValue<string>(), Is.EqualTo("Báo Hà Nam"));
        Assert.That(article["cover"]!["sources"]!.AsArray().Select(s => $"{s!["width"]}x{s["height"]}").Distinct(),
            Is.EqualTo(new[] { "320x213", "640x426", "1024x682", "1600x1066" }));
        Assert.That(article["coverImageUrl"]!.GetValue<string>(), Is.EqualTo($"/media/{cover}/1024.jpg"));

        var list = await ReadJsonAsync(await anonymous.GetAsync("/api/v1/articles"));
        Assert.That(list["items"]![0]!["cover"]!["id"]!.GetValue<Guid>(), Is.EqualTo(cover));
        var adminArticle = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/articles/{created["id"]}"));
        Assert.That(adminArticle["coverImageId"]!.GetValue<Guid>(), Is.EqualTo(cover));
    }

    [Test]
    public async Task A_body_figure_is_stored_empty_and_delivered_with_srcset_sizes_caption_and_credit()
    {
        using var admin = Admin();
        var photo = await UploadAsync(admin, 1200, 800, "Lãnh đạo <Ban> chủ trì tọa đàm.", "Ảnh: Thu Hà");
        var created = await PublishAsync(admin, new
        {
            title = "Bài có ảnh trong bài",
            body = $"<p>Mở đầu.</p><figure data-media-id=\"{photo.ToString().ToUpperInvariant()}\" class=\"x\"><img src=\"/cu.jpg\"><figcaption>Chú thích riêng</figcaption></figure><p>Kết.</p>",
        });

        var stored = await QueryAsync(db => db.Articles.Where(a => a.Id == created["id"]!.GetValue<Guid>()).Select(a => a.Body).SingleAsync());
        Assert.That(stored, Is.EqualTo($"<p>Mở đầu.</p><figure data-media-id=\"{photo}\"></figure><p>Kết.</p>"));
        Assert.That(await QueryAsync(db => db.ArticleFigures.Where(f => f.MediaId == photo).CountAsync()), Is.EqualTo(1));

        using var anonymous = Anonymous();
        var body = (await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/articles/{created["slug"]}")))["body"]!.GetValue<string>();
        Assert.That(body, Does.Contain($"<figure data-media-id=\"{photo}\"><picture>"));
        Assert.That(body, Does.Contain($"<source type=\"image/webp\" srcset=\"/media/{photo}/320.webp 320w, /media/{photo}/640.webp 640w, /media/{photo}/1024.webp 1024w, /media/{photo}/1200.webp 1200w\" sizes=\"(max-width: 1200px) 100vw, 1200px\">"));
        Assert.That(body, Does.Contain($"<img src=\"/media/{photo}/1024.jpg\" srcset=\"/media/{photo}/320.jpg 320w, /media/{photo}/640.jpg 640w, /media/{photo}/1024.jpg 1024w, /media/{photo}/1200.jpg 1200w\""));
        Assert.That(body, Does.Contain("width=\"1024\" height=\"683\" alt=\"Lãnh đạo &lt;Ban&gt; chủ trì tọa đàm.\""));
        Assert.That(body, Does.Contain("<figcaption>Lãnh đạo &lt;Ban&gt; chủ trì tọa đàm. <small class=\"credit\">Ảnh: Thu Hà</small></figcaption>"));
        Assert.That(body, Does.Not.Contain("Chú thích riêng"));

        var feed = await anonymous.GetStringAsync("/api/v1/feeds/articles.rss");
        Assert.That(feed, Does.Contain($"/media/{photo}/1024.jpg"), "feeds carry the same body");
    }

    [Test]
    public async Task Unknown_photos_or_both_kinds_of_cover_are_400_and_create_nothing()
    {
        using var admin = Admin();
        var unknown = Guid.NewGuid();
        var photo = await UploadAsync(admin, 400, 300, "Ảnh");

        await AssertValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/admin/articles",
            new { title = "Ảnh bìa lạ", body = "<p>x</p>", coverImageId = unknown }), "coverImageId");
        await AssertValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/admin/articles",
            new { title = "Ảnh lạ trong bài", body = $"<p>x</p><figure data-media-id=\"{unknown}\"></figure>" }), "body");
        await AssertValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/admin/articles",
            new { title = "Hai ảnh bìa", body = "<p>x</p>", coverImageId = photo, coverImageUrl = "https://example.com/a.jpg" }), "coverImageUrl");
        await AssertValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/admin/events",
            new { kind = "toaDam", title = "Sự kiện ảnh lạ", startsAt = EventBuilder.ToaDamStartsAt, coverImageId = unknown }), "coverImageId");

        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Removing_a_figure_from_the_body_lets_the_photo_be_deleted()
    {
        using var admin = Admin();
        var photo = await UploadAsync(admin, 400, 300, "Ảnh");
        var created = await ArticleBuilder.CreateAsync(admin, new { title = "Bài sửa ảnh", body = $"<p>x</p><figure data-media-id=\"{photo}\"></figure>" });
        await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/media/{photo}"), 409);

        var updated = await admin.PutAsJsonAsync($"/api/v1/admin/articles/{created["id"]}", new { title = "Bài sửa ảnh", body = "<p>Không còn ảnh.</p>" });
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await updated.Content.ReadAsStringAsync());
        Assert.That(await QueryAsync(db => db.ArticleFigures.CountAsync()), Is.Zero);
        Assert.That((await admin.DeleteAsync($"/api/v1/admin/media/{photo}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task A_new_caption_reaches_the_delivered_article_and_puts_it_in_the_change_feed_again()
    {
        using var admin = Admin();
        var photo = await UploadAsync(admin, 700, 500, "Chú thích cũ.");
        var created = await PublishAsync(admin, new { title = "Bài đổi chú thích", body = $"<p>x</p><figure data-media-id=\"{photo}\"></figure>" });
        using var anonymous = Anonymous();
        var before = await anonymous.GetAsync($"/api/v1/articles/{created["slug"]}");
        Assert.That(await before.Content.ReadAsStringAsync(), Does.Contain("Chú thích cũ."));
        var cursor = (await ReadJsonAsync(await anonymous.GetAsync("/api/v1/changes?types=article")))["nextCursor"]!.GetValue<string>();

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/media/{photo}") { Content = JsonContent.Create(new { caption = "Chú thích mới." }) };
        put.Headers.IfMatch.Add((await admin.GetAsync($"/api/v1/admin/media/{photo}")).Headers.ETag!);
        Assert.That((await admin.SendAsync(put)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var after = await anonymous.GetAsync($"/api/v1/articles/{created["slug"]}");
        var text = await after.Content.ReadAsStringAsync();
        Assert.That(text, Does.Contain("Chú thích mới.").And.Not.Contain("Chú thích cũ."));
        Assert.That(after.Headers.ETag, Is.Not.EqualTo(before.Headers.ETag));
        var feed = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/changes?types=article&since={Uri.EscapeDataString(cursor)}"));
        Assert.That(feed["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { created["id"]!.GetValue<Guid>() }));
        Assert.That(feed["items"]![0]!["item"]!["body"]!.GetValue<string>(), Does.Contain("Chú thích mới."));
    }

    [Test]
    public async Task Restoring_a_revision_whose_photos_were_deleted_since_leaves_them_out()
    {
        using var admin = Admin();
        var cover = await UploadAsync(admin, 400, 300, "Ảnh bìa cũ");
        var figure = await UploadAsync(admin, 400, 300, "Ảnh trong bài cũ");
        var created = await ArticleBuilder.CreateAsync(admin, new
        {
            title = "Bài khôi phục", body = $"<p>Đoạn đầu.</p><figure data-media-id=\"{figure}\"></figure>", coverImageId = cover,
        });
        var url = $"/api/v1/admin/articles/{created["id"]}";
        Assert.That((await admin.PutAsJsonAsync(url, new { title = "Bài khôi phục", body = "<p>Đoạn mới.</p>" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.DeleteAsync($"/api/v1/admin/media/{figure}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var restored = await admin.PostAsync(url + "/revisions/1/restore", null);

        Assert.That(restored.StatusCode, Is.EqualTo(HttpStatusCode.OK), await restored.Content.ReadAsStringAsync());
        var article = await ReadJsonAsync(restored);
        Assert.That(article["body"]!.GetValue<string>(), Is.EqualTo("<p>Đoạn đầu.</p>"));
        Assert.That(article["coverImageId"]!.GetValue<Guid>(), Is.EqualTo(cover), "the cover still in the library comes back");
        Assert.That(await QueryAsync(db => db.ArticleFigures.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task An_event_with_a_cover_delivers_it()
    {
        using var admin = Admin();
        var photo = await UploadAsync(admin, 700, 500, "Hội trường");
        var created = await admin.PostAsJsonAsync("/api/v1/admin/events",
            new { kind = "toaDam", title = "Tọa đàm có ảnh bìa", startsAt = EventBuilder.ToaDamStartsAt, coverImageId = photo });
        var id = (await ReadJsonAsync(created))["id"]!.GetValue<Guid>();
        await EventBuilder.PublishEventAsync(admin, id);

        using var anonymous = Anonymous();
        var delivered = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/events/{id}"));
        Assert.That(delivered["cover"]!["caption"]!.GetValue<string>(), Is.EqualTo("Hội trường"));
        Assert.That(delivered["cover"]!["sources"]!.AsArray().Select(s => s!["width"]!.GetValue<int>()).Distinct(), Is.EqualTo(new[] { 320, 640, 700 }));
    }
}
