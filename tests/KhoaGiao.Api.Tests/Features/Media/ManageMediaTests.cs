using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Media;

public sealed class ManageMediaTests : ApiTest
{
    private static Task<JsonObject> UploadAsync(HttpClient admin, string caption, int width = 320) =>
        MediaBuilder.UploadAsync(admin, TestImages.Jpeg(width, 240), $"{width}.jpg", new Dictionary<string, string> { ["caption"] = caption });

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, object body, EntityTagHeaderValue? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/media/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await client.SendAsync(request);
    }

    [Test]
    public async Task List_is_newest_first_paged_and_searched_without_marks()
    {
        using var admin = Admin();
        var first = await UploadAsync(admin, "Các đại biểu dự tọa đàm.");
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await UploadAsync(admin, "Toàn cảnh hội nghị.");
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = await UploadAsync(admin, "Đại biểu phát biểu.");

        var page = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/media?limit=2"));
        Assert.That(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { third["id"]!.GetValue<Guid>(), second["id"]!.GetValue<Guid>() }));
        var next = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/media?limit=2&cursor={Uri.EscapeDataString(page["nextCursor"]!.GetValue<string>())}"));
        Assert.That(next["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { first["id"]!.GetValue<Guid>() }));
        Assert.That(next["nextCursor"], Is.Null);

        var found = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/media?q=DAI%20BIEU"));
        Assert.That(found["items"]!.AsArray().Select(i => i!["caption"]!.GetValue<string>()),
            Is.EqualTo(new[] { "Đại biểu phát biểu.", "Các đại biểu dự tọa đàm." }));
        await AssertValidationProblemAsync(await admin.GetAsync("/api/v1/admin/media?limit=0"), "limit");
        await AssertValidationProblemAsync(await admin.GetAsync("/api/v1/admin/media?cursor=abc"), "cursor");
    }

    [Test]
    public async Task Update_needs_if_match_replaces_the_texts_and_records_the_change()
    {
        using var admin = Admin();
        var item = await UploadAsync(admin, "Chú thích cũ");
        var id = item["id"]!.GetValue<Guid>();
        var read = await admin.GetAsync($"/api/v1/admin/media/{id}");
        var etag = read.Headers.ETag!;
        var seqBefore = await QueryAsync(db => db.Changes.Where(c => c.EntityId == id).Select(c => c.Seq).SingleAsync());

        using var careless = Raw();
        await AssertProblemAsync(await PutAsync(careless, id, new { caption = "Mới" }, ifMatch: null), 428);
        await AssertProblemAsync(await PutAsync(admin, id, new { caption = "Mới" }, new EntityTagHeaderValue("\"1\"")), 412);
        Assert.That(await QueryAsync(db => db.MediaItems.Where(m => m.Id == id).Select(m => m.Caption).SingleAsync()), Is.EqualTo("Chú thích cũ"));

        var updated = await PutAsync(admin, id, new { caption = "Chú thích mới", credit = "Nguyễn Văn A", alt = "Ảnh" }, etag);
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(updated.Headers.ETag, Is.Not.EqualTo(etag));
        var body = await ReadJsonAsync(updated);
        Assert.That((body["caption"]!.GetValue<string>(), body["credit"]!.GetValue<string>()), Is.EqualTo(("Chú thích mới", "Nguyễn Văn A")));
        Assert.That(await QueryAsync(db => db.Changes.Where(c => c.EntityId == id).Select(c => c.Seq).SingleAsync()), Is.GreaterThan(seqBefore));
    }

    [Test]
    public async Task Update_with_too_long_a_credit_is_400_and_changes_nothing()
    {
        using var admin = Admin();
        var item = await UploadAsync(admin, "Giữ nguyên");
        var id = item["id"]!.GetValue<Guid>();
        var etag = (await admin.GetAsync($"/api/v1/admin/media/{id}")).Headers.ETag!;

        await AssertValidationProblemAsync(await PutAsync(admin, id, new { caption = "Khác", credit = new string('x', 301) }, etag), "credit");
        Assert.That(await QueryAsync(db => db.MediaItems.Where(m => m.Id == id).Select(m => m.Caption).SingleAsync()), Is.EqualTo("Giữ nguyên"));
        await AssertProblemAsync(await PutAsync(admin, Guid.NewGuid(), new { caption = "x" }, etag), 404);
    }

    [Test]
    public async Task Delete_of_an_unused_photo_removes_it_and_its_files()
    {
        using var admin = Admin();
        var item = await UploadAsync(admin, "Xóa được", width: 700);
        var id = item["id"]!.GetValue<Guid>();
        using var anonymous = Anonymous();
        Assert.That((await anonymous.GetAsync($"/media/{id}/640.jpg")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await admin.DeleteAsync($"/api/v1/admin/media/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(await QueryAsync(db => db.MediaItems.AnyAsync(m => m.Id == id)), Is.False);
        Assert.That(MediaBuilder.StoredFiles(id), Is.Empty);
        await AssertProblemAsync(await anonymous.GetAsync($"/media/{id}/640.jpg"), 404);
        await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/media/{id}"), 404);
        Assert.That(await QueryAsync(db => db.Changes.Where(c => c.EntityId == id).Select(c => c.State).SingleAsync()),
            Is.EqualTo(Api.Features.Sync.ChangeState.Deleted));
    }

    [Test]
    public async Task Delete_of_a_photo_in_use_is_409_naming_the_articles_and_events_and_changes_nothing()
    {
        using var admin = Admin();
        var cover = (await UploadAsync(admin, "Ảnh bìa"))["id"]!.GetValue<Guid>();
        await ArticleBuilder.CreateAsync(admin, new { title = "Bài có ảnh bìa", body = "<p>Nội dung.</p>", coverImageId = cover });
        await ArticleBuilder.CreateAsync(admin, new { title = "Bài có ảnh trong bài", body = $"<p>Mở đầu.</p><figure data-media-id=\"{cover}\"></figure>" });
        var created = await admin.PostAsJsonAsync("/api/v1/admin/events",
            new { kind = "toaDam", title = "Tọa đàm có ảnh", startsAt = EventBuilder.ToaDamStartsAt, coverImageId = cover });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());

        var problem = await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/media/{cover}"), 409);
        Assert.That(problem["articles"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "bai-co-anh-bia", "bai-co-anh-trong-bai" }));
        Assert.That(problem["events"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "toa-dam-co-anh" }));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("bai-co-anh-bia").And.Contain("toa-dam-co-anh"));
        Assert.That(await QueryAsync(db => db.MediaItems.AnyAsync(m => m.Id == cover)), Is.True);
        Assert.That(MediaBuilder.StoredFiles(cover), Does.Contain("source"));
    }
}
