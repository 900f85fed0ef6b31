using System.Net;
using System.Net.Http.Headers;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;

namespace KhoaGiao.Api.Tests.Features.Media;

public sealed class MediaFilesTests : ApiTest
{
    [Test]
    public async Task Renditions_have_the_widths_heights_and_types_sources_list()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(2000, 1333));
        var sources = item["sources"]!.AsArray();
        Assert.That(sources.Select(s => s!["height"]!.GetValue<int>()).Distinct(), Is.EqualTo(new[] { 213, 426, 682, 1066 }));
        Assert.That(sources.Select(s => s!["width"]!.GetValue<int>()).Distinct(), Is.EqualTo(new[] { 320, 640, 1024, 1600 }));

        using var anonymous = Anonymous();
        foreach (var source in sources)
        {
            var response = await anonymous.GetAsync(source!["url"]!.GetValue<string>());
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo(source["type"]!.GetValue<string>()));
            Assert.That(TestImages.Size(await response.Content.ReadAsByteArrayAsync()),
                Is.EqualTo((source["width"]!.GetValue<int>(), source["height"]!.GetValue<int>())), source["url"]!.GetValue<string>());
        }
    }

    [Test]
    public async Task A_photo_narrower_than_a_width_is_never_enlarged_to_it()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(800, 600));
        var id = item["id"]!.GetValue<Guid>();
        Assert.That(item["sources"]!.AsArray().Select(s => s!["width"]!.GetValue<int>()).Distinct(), Is.EqualTo(new[] { 320, 640, 800 }));

        using var anonymous = Anonymous();
        Assert.That(TestImages.Size(await anonymous.GetByteArrayAsync($"/media/{id}/800.webp")), Is.EqualTo((800, 600)));
        var problem = await AssertProblemAsync(await anonymous.GetAsync($"/media/{id}/1024.jpg"), 404);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("1024.jpg"));
    }

    [Test]
    public async Task Files_are_cached_for_a_year_as_immutable_with_a_strong_etag_and_answer_304()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(700, 500));
        var url = item["sources"]![0]!["url"]!.GetValue<string>();

        using var anonymous = Anonymous();
        var first = await anonymous.GetAsync(url);
        Assert.That(first.Headers.CacheControl!.ToString(), Is.EqualTo("public, max-age=31536000, immutable"));
        Assert.That(first.Headers.ETag!.IsWeak, Is.False);
        var again = await anonymous.GetAsync(url);
        Assert.That(again.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(await again.Content.ReadAsByteArrayAsync(), Is.EqualTo(await first.Content.ReadAsByteArrayAsync()));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await anonymous.SendAsync(conditional);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(notModified.Headers.ETag, Is.EqualTo(first.Headers.ETag));

        var other = await anonymous.GetAsync(item["sources"]![1]!["url"]!.GetValue<string>());
        Assert.That(other.Headers.ETag, Is.Not.EqualTo(first.Headers.ETag), "each file has its own tag");
    }

    [Test]
    public async Task A_file_deleted_from_the_store_is_made_again_on_request_with_the_same_bytes()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(1200, 800));
        var id = item["id"]!.GetValue<Guid>();
        using var anonymous = Anonymous();
        var first = await anonymous.GetByteArrayAsync($"/media/{id}/640.jpg");

        foreach (var file in Directory.GetFiles(Path.Combine(TestDatabase.MediaFolder, "media", id.ToString("N")), "640.*"))
        {
            File.Delete(file);
        }

        var remade = await anonymous.GetAsync($"/media/{id}/640.jpg");
        Assert.That(remade.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await remade.Content.ReadAsByteArrayAsync(), Is.EqualTo(first));
        Assert.That(MediaBuilder.StoredFiles(id), Does.Contain("640.jpg"));
    }

    [Test]
    public async Task Unknown_photos_files_and_extensions_are_404_problems()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(700, 500));
        var id = item["id"]!.GetValue<Guid>();
        using var anonymous = Anonymous();

        await AssertProblemAsync(await anonymous.GetAsync($"/media/{Guid.NewGuid()}/320.jpg"), 404);
        foreach (var name in new[] { "original.png", "320.png", "321.jpg", "0320.jpg", "source", "..%2Fsource", "320.jpg.exe", "320" })
        {
            await AssertProblemAsync(await anonymous.GetAsync($"/media/{id}/{name}"), 404);
        }
    }

    [Test]
    public async Task Head_and_ranges_are_answered()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(700, 500));
        var url = item["url"]!.GetValue<string>();
        using var anonymous = Anonymous();
        var whole = await anonymous.GetByteArrayAsync(url);

        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(whole.Length));

        using var ranged = new HttpRequestMessage(HttpMethod.Get, url);
        ranged.Headers.Range = new RangeHeaderValue(0, 99);
        var part = await anonymous.SendAsync(ranged);
        Assert.That(part.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await part.Content.ReadAsByteArrayAsync(), Is.EqualTo(whole[..100]));
    }

    [Test]
    public async Task The_delivery_api_describes_a_photo_with_urls_on_the_media_host()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(700, 500), fields: new Dictionary<string, string> { ["caption"] = "Toàn cảnh" });
        var id = item["id"]!.GetValue<Guid>();
        await using var cdn = Factory.WithWebHostBuilder(builder => builder.UseSetting("Site:MediaBaseUrl", "https://cdn.khoagiao.example"));
        using var anonymous = cdn.CreateDefaultClient();

        var photo = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/media/{id}"));
        Assert.That(photo["url"]!.GetValue<string>(), Is.EqualTo($"https://cdn.khoagiao.example/media/{id}/original.jpg"));
        Assert.That(photo["sources"]![0]!["url"]!.GetValue<string>(), Is.EqualTo($"https://cdn.khoagiao.example/media/{id}/320.webp"));
        Assert.That(photo["caption"]!.GetValue<string>(), Is.EqualTo("Toàn cảnh"));
        Assert.That(photo.ContainsKey("fileName"), Is.False, "editors' details stay in the management API");
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/media/{Guid.NewGuid()}"), 404);

        await using var portalOnly = Factory.WithWebHostBuilder(builder => builder.UseSetting("Site:PublicBaseUrl", "https://khoagiao.example"));
        using var reader = portalOnly.CreateDefaultClient();
        var onApi = await ReadJsonAsync(await reader.GetAsync($"/api/v1/media/{id}"));
        Assert.That(onApi["url"]!.GetValue<string>(), Is.EqualTo($"/media/{id}/original.jpg"), "the portal does not serve the library's files: a path on this API");
    }
}
