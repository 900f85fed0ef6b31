using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KhoaGiao.Api.Tests.Features.Articles;

/// <summary>
/// The portal's addresses in what the delivery API serves: an article's page (<c>url</c>) and photos as absolute URLs
/// on the media host, while stored content and management reads keep site paths.
/// </summary>
public sealed class SiteLinksTests : ApiTest
{
    private const string Portal = "https://khoagiao.hanam.example";
    private const string MediaHost = "https://anh.khoagiao.example";

    private const string Body =
        "<figure><img src=\"/media/2023/08/dai-bieu.jpg\" alt=\"Các đại biểu dự tọa đàm.\" width=\"800\" height=\"533\">" +
        "<figcaption>Các đại biểu dự tọa đàm.</figcaption></figure>" +
        "<p>Ảnh của Báo Hà Nam: <img alt=\"Toàn cảnh\" src=\"https://baohanam.example/anh/toan-canh.jpg\"></p>" +
        "<p>Mã HTML in trong bài: src=\"/media/khong-phai-anh.jpg\"</p>";

    private static async Task<JsonObject> PublishAsync(HttpClient admin, string title)
    {
        var created = await ArticleBuilder.CreateAsync(admin,
            new { title, summary = "Tóm tắt.", body = Body, coverImageUrl = "/media/2023/08/bia.jpg" });
        var published = await admin.PostAsJsonAsync($"/api/v1/admin/articles/{created["id"]}/publish", new { });
        Assert.That((int)published.StatusCode, Is.EqualTo(200));
        return created;
    }

    private static WebApplicationFactory<Program> WithSite(string? mediaBaseUrl = MediaHost) =>
        Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Site:PublicBaseUrl", Portal + "/");
            builder.UseSetting("Site:ArticlePath", "/tin-tuc/{slug}.html");
            if (mediaBaseUrl is not null)
            {
                builder.UseSetting("Site:MediaBaseUrl", mediaBaseUrl);
            }
        });

    [Test]
    public async Task Delivery_reads_carry_the_portal_url_and_absolute_photos_while_management_keeps_the_stored_paths()
    {
        await using var site = WithSite();
        using var admin = site.CreateDefaultClient(new IfMatchHandler());
        admin.DefaultRequestHeaders.Authorization = new("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        var article = await PublishAsync(admin, "Tọa đàm có ảnh");
        var slug = article["slug"]!.GetValue<string>();
        using var reader = site.CreateDefaultClient();

        var served = await ReadJsonAsync(await reader.GetAsync($"/api/v1/articles/{slug}"));
        var listed = (await ReadJsonAsync(await reader.GetAsync("/api/v1/articles"))
            )["items"]!.AsArray().Single(i => i!["slug"]!.GetValue<string>() == slug)!;
        var synced = (await ReadJsonAsync(await reader.GetAsync("/api/v1/changes?types=article"))
            )["items"]!.AsArray().Single(i => i!["slug"]!.GetValue<string>() == slug)!["item"]!;
        var managed = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/articles/{article["id"]}"));

        var url = $"{Portal}/tin-tuc/{slug}.html";
        var body = served["body"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(served["url"]!.GetValue<string>(), Is.EqualTo(url));
            Assert.That(served["coverImageUrl"]!.GetValue<string>(), Is.EqualTo(MediaHost + "/media/2023/08/bia.jpg"));
            Assert.That(body, Does.Contain($"<img src=\"{MediaHost}/media/2023/08/dai-bieu.jpg\" alt=\"Các đại biểu dự tọa đàm.\" width=\"800\" height=\"533\">"));
            Assert.That(body, Does.Contain("src=\"https://baohanam.example/anh/toan-canh.jpg\""), "an absolute photo URL is left alone");
            Assert.That(body, Does.Contain("src=\"/media/khong-phai-anh.jpg\""), "text that looks like an attribute is not rewritten");
            Assert.That(listed["url"]!.GetValue<string>(), Is.EqualTo(url));
            Assert.That(listed["coverImageUrl"]!.GetValue<string>(), Is.EqualTo(MediaHost + "/media/2023/08/bia.jpg"));
            Assert.That(synced["url"]!.GetValue<string>(), Is.EqualTo(url));
            Assert.That(synced["body"]!.GetValue<string>(), Is.EqualTo(body), "the feed serves the article as the article route does");
            Assert.That(managed["url"]!.GetValue<string>(), Is.EqualTo(url));
            Assert.That(managed["coverImageUrl"]!.GetValue<string>(), Is.EqualTo("/media/2023/08/bia.jpg"));
            Assert.That(managed["body"]!.GetValue<string>(), Does.Contain("<img src=\"/media/2023/08/dai-bieu.jpg\""));
        });
    }

    [Test]
    public async Task Without_a_media_host_photos_are_served_from_the_portal()
    {
        await using var site = WithSite(mediaBaseUrl: null);
        using var admin = site.CreateDefaultClient(new IfMatchHandler());
        admin.DefaultRequestHeaders.Authorization = new("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        var article = await PublishAsync(admin, "Tọa đàm ảnh trên cổng");

        var served = await ReadJsonAsync(await site.CreateDefaultClient().GetAsync($"/api/v1/articles/{article["slug"]}"));

        Assert.Multiple(() =>
        {
            Assert.That(served["coverImageUrl"]!.GetValue<string>(), Is.EqualTo(Portal + "/media/2023/08/bia.jpg"));
            Assert.That(served["body"]!.GetValue<string>(), Does.Contain($"<img src=\"{Portal}/media/2023/08/dai-bieu.jpg\""));
        });
    }

    [Test]
    public async Task Unconfigured_the_url_is_null_and_photos_stay_paths_with_their_dimensions()
    {
        using var admin = Admin();
        var article = await PublishAsync(admin, "Tọa đàm chưa cấu hình cổng");

        var served = await ReadJsonAsync(await Anonymous().GetAsync($"/api/v1/articles/{article["slug"]}"));

        Assert.Multiple(() =>
        {
            Assert.That(served.ContainsKey("url"), Is.True, "url is always sent");
            Assert.That(served["url"], Is.Null);
            Assert.That(served["coverImageUrl"]!.GetValue<string>(), Is.EqualTo("/media/2023/08/bia.jpg"));
            Assert.That(served["body"]!.GetValue<string>(),
                Does.Contain("<img src=\"/media/2023/08/dai-bieu.jpg\" alt=\"Các đại biểu dự tọa đàm.\" width=\"800\" height=\"533\">"));
        });
    }
}
