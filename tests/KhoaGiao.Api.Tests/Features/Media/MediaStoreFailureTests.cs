using System.Net;
using System.Net.Sockets;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Media;

/// <summary>
/// The service with its media store unreachable (an S3 address nobody listens at): uploads and file reads answer a
/// clear 503 with Retry-After, and an upload that could not be stored leaves no row, no change record and no audit
/// entry behind.
/// </summary>
public sealed class MediaStoreFailureTests : ApiTest
{
    private static WebApplicationFactory<Program> WithDeadStore()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Media:Storage", "S3")
            .UseSetting("Media:S3:ServiceUrl", $"http://127.0.0.1:{port}")
            .UseSetting("Media:S3:Bucket", "khoagiao-unreachable")
            .UseSetting("Media:S3:AccessKey", "test")
            .UseSetting("Media:S3:SecretKey", "test-secret")
            .UseSetting("Media:S3:MaxRetries", "0"));
    }

    [Test]
    public async Task An_upload_the_store_cannot_take_is_503_with_retry_after_and_saves_nothing()
    {
        await using var app = WithDeadStore();
        using var admin = app.CreateDefaultClient();
        admin.DefaultRequestHeaders.Authorization = new("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        var changesBefore = await QueryAsync(db => db.Changes.CountAsync());
        var auditBefore = await QueryAsync(db => db.AuditEntries.CountAsync());

        using var form = MediaBuilder.Form(TestImages.Jpeg(640, 480));
        var response = await admin.PostAsync("/api/v1/admin/media", form);

        var problem = await AssertProblemAsync(response, 503);
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("ảnh").Or.Contain("media"));
        Assert.That(problem.ToJsonString(), Does.Not.Contain("test-secret").And.Not.Contain("127.0.0.1"), "nothing of the store's address or keys");
        Assert.That(await QueryAsync(db => db.MediaItems.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.Changes.CountAsync()), Is.EqualTo(changesBefore));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync()), Is.EqualTo(auditBefore));
    }

    [Test]
    public async Task A_file_the_store_cannot_give_is_503_with_retry_after()
    {
        using var admin = Admin();
        var item = await MediaBuilder.UploadAsync(admin, TestImages.Jpeg(640, 480));
        await using var app = WithDeadStore();
        using var anonymous = app.CreateDefaultClient();

        var response = await anonymous.GetAsync(item["sources"]![0]!["url"]!.GetValue<string>());

        await AssertProblemAsync(response, 503);
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True, "a failure is never cached");
    }
}
