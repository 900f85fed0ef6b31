using System.Net;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Media;

/// <summary>
/// The media library on the S3 store (<c>Media:Storage=S3</c>), as several instances run it: two instances on one
/// database and one bucket. Runs against <c>KHOAGIAO_TEST_S3</c>, or the emulator of deploy/s3-emulator.sh (skipped,
/// saying why, when neither can be had).
/// </summary>
public sealed class S3MediaLibraryTests : ApiTest
{
    private static WebApplicationFactory<Program> OnS3() => Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Media:Storage", "S3");
        foreach (var (key, value) in TestS3.Configuration())
        {
            builder.UseSetting(key, value);
        }
    });

    [Test]
    public async Task A_photo_uploaded_to_one_instance_is_served_in_every_size_by_another_and_deleted_with_its_files()
    {
        await using var first = OnS3();
        await using var second = OnS3();
        using var admin = first.CreateDefaultClient();
        admin.DefaultRequestHeaders.Authorization = new("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        using var reader = second.CreateDefaultClient();

        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(1200, 900, orientation: 6, withGps: true));
        var id = item["id"]!.GetValue<Guid>();
        Assert.That(MediaBuilder.StoredFiles(id), Is.Empty, "nothing in the local folder: the bucket holds it");

        foreach (var source in item["sources"]!.AsArray())
        {
            var response = await reader.GetAsync(source!["url"]!.GetValue<string>());
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), source["url"]!.GetValue<string>());
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.That(TestImages.Size(bytes), Is.EqualTo((source["width"]!.GetValue<int>(), source["height"]!.GetValue<int>())));
            Assert.That(TestImages.MetadataBlocks(bytes), Is.Empty);
        }

        var original = await reader.GetAsync(item["url"]!.GetValue<string>());
        Assert.That(TestImages.Size(await original.Content.ReadAsByteArrayAsync()), Is.EqualTo((900, 1200)));

        var deleted = await admin.DeleteAsync($"/api/v1/admin/media/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await reader.GetAsync($"/media/{id}/640.jpg"), 404);
        Assert.That(await QueryAsync(db => db.MediaItems.AnyAsync(m => m.Id == id)), Is.False);
    }
}
