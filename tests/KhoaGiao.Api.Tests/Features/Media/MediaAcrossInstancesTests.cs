using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Media;

/// <summary>
/// The media library on two instances sharing one database and one store (a folder both mount, as the tests' local
/// store is): a photo uploaded to one is served by the other, a rendition both make at once comes out whole and the
/// same, and a caption changed on one reaches what the other delivers.
/// </summary>
public sealed class MediaAcrossInstancesTests : TwoInstanceTest
{
    [Test]
    public async Task A_photo_uploaded_to_one_instance_is_served_by_the_other_with_the_same_bytes_and_tag()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(1500, 1000));
        var id = item["id"]!.GetValue<Guid>();
        using var onB = Second.CreateClient();

        var fromB = await onB.GetAsync($"/media/{id}/1024.webp");
        using var onA = Anonymous();
        var fromA = await onA.GetAsync($"/media/{id}/1024.webp");

        Assert.That(fromB.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fromB.Headers.ETag, Is.EqualTo(fromA.Headers.ETag));
        Assert.That(await fromB.Content.ReadAsByteArrayAsync(), Is.EqualTo(await fromA.Content.ReadAsByteArrayAsync()));
        Assert.That((await ReadJsonAsync(await onB.GetAsync($"/api/v1/media/{id}")))["width"]!.GetValue<int>(), Is.EqualTo(1500));
    }

    [Test]
    public async Task Both_instances_making_a_missing_rendition_at_once_serve_one_whole_file()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(2400, 1600));
        var id = item["id"]!.GetValue<Guid>();
        var folder = Path.Combine(TestDatabase.MediaFolder, "media", id.ToString("N"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (MediaBuilder.StoredFiles(id).Length < 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        File.Delete(Path.Combine(folder, "1600.jpg"));
        using var onA = Anonymous();
        using var onB = Second.CreateClient();
        var requests = Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? onA : onB).GetAsync($"/media/{id}/1600.jpg")).ToList();
        var responses = await Task.WhenAll(requests);

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        Assert.That(bodies.Select(b => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(b))).Distinct().Count(), Is.EqualTo(1));
        Assert.That(TestImages.Size(bodies[0]), Is.EqualTo((1600, 1067)));
        Assert.That(Directory.GetFiles(folder, "*.partial"), Is.Empty, "no half-written file left behind");
        Assert.That(await File.ReadAllBytesAsync(Path.Combine(folder, "1600.jpg")), Is.EqualTo(bodies[0]));
    }

    [Test]
    public async Task A_caption_changed_on_one_instance_reaches_the_article_the_other_delivers()
    {
        using var admin = Admin();
        var photo = (await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(700, 500),
            fields: new Dictionary<string, string> { ["caption"] = "Chú thích trước." }))["id"]!.GetValue<Guid>();
        var created = await ArticleBuilder.CreateAsync(admin, new { title = "Ảnh trên hai máy", body = $"<p>x</p><figure data-media-id=\"{photo}\"></figure>" });
        Assert.That((await admin.PostAsJsonAsync($"/api/v1/admin/articles/{created["id"]}/publish", new { })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var onB = Second.CreateClient();
        Assert.That(await onB.GetStringAsync($"/api/v1/articles/{created["slug"]}"), Does.Contain("Chú thích trước."), "B has it cached now");

        using var adminOnB = Second.CreateClient(KhoaGiaoApiFactory.BootstrapAdminKey);
        var etag = (await admin.GetAsync($"/api/v1/admin/media/{photo}")).Headers.ETag!;
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/media/{photo}") { Content = JsonContent.Create(new { caption = "Chú thích sau." }) };
        put.Headers.IfMatch.Add(etag);
        Assert.That((await admin.SendAsync(put)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string delivered;
        do
        {
            delivered = await onB.GetStringAsync($"/api/v1/articles/{created["slug"]}");
        }
        while (!delivered.Contains("Chú thích sau.", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());

        Assert.That(delivered, Does.Contain("Chú thích sau.").And.Not.Contain("Chú thích trước."));
        await AssertProblemAsync(await adminOnB.DeleteAsync($"/api/v1/admin/media/{photo}"), 409);
        Assert.That(await QueryAsync(db => db.MediaItems.AnyAsync(m => m.Id == photo)), Is.True);
    }

    [Test]
    public async Task A_photo_deleted_on_one_instance_stops_being_served_by_the_other()
    {
        using var admin = Admin();
        var id = (await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(700, 500)))["id"]!.GetValue<Guid>();
        using var onA = Anonymous();
        Assert.That((await onA.GetAsync($"/media/{id}/640.webp")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "A knows the photo now");

        using var adminOnB = Second.CreateClient(KhoaGiaoApiFactory.BootstrapAdminKey);
        Assert.That((await adminOnB.DeleteAsync($"/api/v1/admin/media/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage afterDelete;
        do
        {
            afterDelete = await onA.GetAsync($"/media/{id}/original.jpg");
        }
        while (afterDelete.StatusCode != HttpStatusCode.NotFound && DateTime.UtcNow < deadline && await Delay());

        var problem = await AssertProblemAsync(afterDelete, 404);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo($"Không có ảnh có mã {id}."),
            "A knows the photo is gone, not merely that its files are");
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }
}
