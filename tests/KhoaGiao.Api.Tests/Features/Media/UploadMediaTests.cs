using System.Net;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Media;

public sealed class UploadMediaTests : ApiTest
{
    private static IEnumerable<TestCaseData> AcceptedTypes()
    {
        yield return new TestCaseData((Func<byte[]>)(() => TestImages.Jpeg(400, 300)), "image/jpeg", "jpg").SetArgDisplayNames("jpeg");
        yield return new TestCaseData((Func<byte[]>)(() => TestImages.Png(400, 300, alpha: true)), "image/png", "png").SetArgDisplayNames("png");
        yield return new TestCaseData((Func<byte[]>)(() => TestImages.WebP(400, 300)), "image/webp", "webp").SetArgDisplayNames("webp");
        yield return new TestCaseData((Func<byte[]>)(() => TestImages.Gif(400, 300, frames: 2)), "image/gif", "gif").SetArgDisplayNames("gif");
    }

    [TestCaseSource(nameof(AcceptedTypes))]
    public async Task Upload_of_each_accepted_type_answers_201_with_its_type_size_and_files(Func<byte[]> image, string contentType, string extension)
    {
        using var admin = Admin();
        var bytes = image();
        using var form = MediaBuilder.Form(bytes, $"anh.{extension}", contentType);
        var response = await admin.PostAsync("/api/v1/admin/media", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var item = await ReadJsonAsync(response);
        var id = item["id"]!.GetValue<Guid>();
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/admin/media/{id}"));
        Assert.That(response.Headers.ETag, Is.Not.Null);
        Assert.That(item["contentType"]!.GetValue<string>(), Is.EqualTo(contentType));
        Assert.That((item["width"]!.GetValue<int>(), item["height"]!.GetValue<int>()), Is.EqualTo((400, 300)));
        Assert.That(item["bytes"]!.GetValue<long>(), Is.EqualTo(bytes.Length));
        Assert.That(item["fileName"]!.GetValue<string>(), Is.EqualTo($"anh.{extension}"));
        Assert.That(item["url"]!.GetValue<string>(), Is.EqualTo($"/media/{id}/original.{extension}"));
        Assert.That(item["sources"]!.AsArray().Select(s => $"{s!["width"]}x{s["height"]} {s["type"]}"),
            Is.EqualTo(new[] { "320x240 image/webp", "320x240 image/jpeg", "400x300 image/webp", "400x300 image/jpeg" }));

        using var anonymous = Anonymous();
        var original = await anonymous.GetAsync(item["url"]!.GetValue<string>());
        Assert.That(original.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(original.Content.Headers.ContentType!.MediaType, Is.EqualTo(contentType));
        Assert.That(TestImages.Size(await original.Content.ReadAsByteArrayAsync()), Is.EqualTo((400, 300)));
        Assert.That(await QueryAsync(db => db.Changes.AnyAsync(c => c.Type == Api.Features.Sync.ChangeType.Media && c.EntityId == id)), Is.True,
            "the upload is in the change log");
    }

    [Test]
    public async Task Upload_tells_the_type_from_the_bytes_not_the_name_or_the_declared_type()
    {
        using var admin = Admin();
        using var form = MediaBuilder.Form(TestImages.Jpeg(320, 240), "anh.png", "image/png");
        var item = await ReadJsonAsync(await admin.PostAsync("/api/v1/admin/media", form));

        Assert.That(item["contentType"]!.GetValue<string>(), Is.EqualTo("image/jpeg"));
        Assert.That(item["url"]!.GetValue<string>(), Does.EndWith("/original.jpg"));
    }

    private static IEnumerable<TestCaseData> Refused()
    {
        yield return new TestCaseData((Func<byte[]>)TestImages.PhpScript, "shell.jpg", "image/jpeg").SetArgDisplayNames("php named .jpg");
        yield return new TestCaseData((Func<byte[]>)TestImages.HtmlPage, "trang.jpg", "image/jpeg").SetArgDisplayNames("html named .jpg");
        yield return new TestCaseData((Func<byte[]>)TestImages.SvgWithScript, "logo.svg", "image/svg+xml").SetArgDisplayNames("svg with script");
        yield return new TestCaseData((Func<byte[]>)TestImages.SvgWithScript, "logo.png", "image/png").SetArgDisplayNames("svg named .png");
    }

    [TestCaseSource(nameof(Refused))]
    public async Task Upload_of_anything_but_the_four_image_types_is_415_and_stores_nothing(Func<byte[]> content, string fileName, string declaredType)
    {
        using var admin = Admin();
        var filesBefore = MediaBuilder.AllStoredFiles();
        using var form = MediaBuilder.Form(content(), fileName, declaredType);
        var problem = await AssertProblemAsync(await admin.PostAsync("/api/v1/admin/media", form), 415);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("JPEG, PNG, WebP"));
        Assert.That(await QueryAsync(db => db.MediaItems.CountAsync()), Is.Zero);
        Assert.That(MediaBuilder.AllStoredFiles(), Is.EqualTo(filesBefore));
    }

    [Test]
    public async Task Upload_sent_as_json_is_415_naming_the_form_it_takes()
    {
        using var admin = Admin();
        var response = await admin.PostAsync("/api/v1/admin/media",
            new StringContent("{\"file\":\"aGVsbG8=\"}", System.Text.Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, 415);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("multipart/form-data"));
        Assert.That(await QueryAsync(db => db.MediaItems.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Upload_of_a_png_declaring_100000_by_100000_pixels_is_refused_from_its_header_and_stores_nothing()
    {
        using var admin = Admin();
        var filesBefore = MediaBuilder.AllStoredFiles();
        using var form = MediaBuilder.Form(TestImages.PngDeclaring(100_000, 100_000), "bom.png", "image/png");
        var problem = await AssertValidationProblemAsync(await admin.PostAsync("/api/v1/admin/media", form), "file");

        Assert.That(problem["errors"]!["file"]![0]!.GetValue<string>(), Does.Contain("50"));
        Assert.That(await QueryAsync(db => db.MediaItems.CountAsync()), Is.Zero);
        Assert.That(MediaBuilder.AllStoredFiles(), Is.EqualTo(filesBefore));
    }

    [Test]
    public async Task Upload_of_a_damaged_jpeg_is_400_naming_the_file()
    {
        using var admin = Admin();
        var bytes = TestImages.Jpeg(400, 300);
        using var form = MediaBuilder.Form(bytes[..(bytes.Length / 3)], "hong.jpg");
        await AssertValidationProblemAsync(await admin.PostAsync("/api/v1/admin/media", form), "file");
        Assert.That(await QueryAsync(db => db.MediaItems.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Upload_without_a_file_or_with_too_long_a_caption_is_400_and_saves_nothing()
    {
        using var admin = Admin();
        using var empty = new MultipartFormDataContent { { new StringContent("Chú thích"), "caption" } };
        await AssertValidationProblemAsync(await admin.PostAsync("/api/v1/admin/media", empty), "file");

        using var form = MediaBuilder.Form(TestImages.Jpeg(320, 240), fields: new Dictionary<string, string> { ["caption"] = new string('a', 2001) });
        await AssertValidationProblemAsync(await admin.PostAsync("/api/v1/admin/media", form), "caption");
        Assert.That(await QueryAsync(db => db.MediaItems.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Upload_over_the_size_limit_is_413_and_stores_nothing()
    {
        await using var small = Factory.WithWebHostBuilder(builder => builder.UseSetting("Media:MaxUploadBytes", "20000"));
        using var admin = small.CreateDefaultClient();
        admin.DefaultRequestHeaders.Authorization = new("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        var filesBefore = MediaBuilder.AllStoredFiles();
        var large = TestImages.Png(600, 600);
        Assert.That(large.Length, Is.GreaterThan(20000), "the test image must exceed the limit");

        using var form = MediaBuilder.Form(large, "lon.png", "image/png");
        await AssertProblemAsync(await admin.PostAsync("/api/v1/admin/media", form), 413);

        Assert.That(await QueryAsync(db => db.MediaItems.CountAsync()), Is.Zero);
        Assert.That(MediaBuilder.AllStoredFiles(), Is.EqualTo(filesBefore));
    }

    [Test]
    public async Task Upload_applies_the_exif_orientation_and_serves_no_exif_or_gps_in_any_file()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(300, 200, orientation: 6, withGps: true, takenAt: new DateTime(2023, 8, 16, 14, 30, 0)));

        Assert.That((item["width"]!.GetValue<int>(), item["height"]!.GetValue<int>()), Is.EqualTo((200, 300)), "shown upright");
        Assert.That(item["takenAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(new DateTimeOffset(2023, 8, 16, 14, 30, 0, TimeSpan.FromHours(7))));
        using var anonymous = Anonymous();
        var urls = item["sources"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()).Append(item["url"]!.GetValue<string>()).ToList();
        foreach (var url in urls)
        {
            var bytes = await anonymous.GetByteArrayAsync(url);
            Assert.That(TestImages.MetadataBlocks(bytes), Is.Empty, url);
            Assert.That(TestImages.Contains(bytes, "GPS"), Is.False, url);
        }

        var original = await anonymous.GetByteArrayAsync(item["url"]!.GetValue<string>());
        Assert.That(TestImages.Size(original), Is.EqualTo((200, 300)));
        var topRight = TestImages.PixelAt(original, 190, 10);
        Assert.That(topRight.R, Is.GreaterThan(180), "the red top-left corner of the sensor's picture is top-right once upright");
        Assert.That(topRight.G, Is.LessThan(80));
    }

    [Test]
    public async Task Upload_stores_its_texts_trimmed_and_in_nfc()
    {
        using var admin = Admin();
        var decomposed = "  Các đại biểu dự tọa đàm.  ".Normalize(System.Text.NormalizationForm.FormD);
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(320, 240), fields: new Dictionary<string, string>
        {
            ["caption"] = decomposed, ["alt"] = "Đại biểu", ["credit"] = "Báo Hà Nam", ["takenAt"] = "2023-08-16T15:00:00+07:00",
        });

        Assert.That(item["caption"]!.GetValue<string>(), Is.EqualTo("Các đại biểu dự tọa đàm."));
        Assert.That(item["caption"]!.GetValue<string>().IsNormalized(System.Text.NormalizationForm.FormC), Is.True);
        Assert.That(item["takenAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(new DateTimeOffset(2023, 8, 16, 15, 0, 0, TimeSpan.FromHours(7))));
        var stored = await QueryAsync(db => db.MediaItems.SingleAsync());
        Assert.That(stored.Caption, Is.EqualTo("Các đại biểu dự tọa đàm."));
        Assert.That(stored.Credit, Is.EqualTo("Báo Hà Nam"));
    }

    [Test]
    public async Task Upload_makes_every_rendition_in_the_background()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(2000, 1000));
        var id = item["id"]!.GetValue<Guid>();
        var expected = new[] { "1024.jpg", "1024.webp", "1600.jpg", "1600.webp", "320.jpg", "320.webp", "640.jpg", "640.webp", "original.jpg", "source" };

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!MediaBuilder.StoredFiles(id).SequenceEqual(expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.That(MediaBuilder.StoredFiles(id), Is.EqualTo(expected), "made without any request for them");
    }

    [Test]
    public async Task Upload_needs_the_content_write_scope()
    {
        using var reader = await WithScopesAsync("content:read");
        using var form = MediaBuilder.Form(TestImages.Jpeg(320, 240));
        await AssertProblemAsync(await reader.PostAsync("/api/v1/admin/media", form), 403);
        Assert.That(await QueryAsync(db => db.MediaItems.CountAsync()), Is.Zero);
    }
}
