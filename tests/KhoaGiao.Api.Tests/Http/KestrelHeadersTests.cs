using System.Net;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>The service behind its real HTTP server (Kestrel on loopback), for what the in-memory test server never adds.</summary>
public sealed class KestrelHeadersTests : ApiTest
{
    [TestCase("/health/live")]
    [TestCase("/api/v1/articles")]
    [TestCase("/api/v1/articles/khong-co-bai-nay")]
    [TestCase("/api/v1/admin/articles")]
    public async Task No_response_names_the_server_software(string path)
    {
        await using var app = new KhoaGiaoApiFactory(TestDatabase.ConnectionString);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        using var client = app.CreateClient();

        var response = await client.GetAsync(path);

        Assert.That(client.BaseAddress!.Host, Is.EqualTo("127.0.0.1"), "the test talks to the real server on loopback");
        Assert.That(response.Headers.Server, Is.Empty);
        Assert.That(response.Headers.Contains("Server"), Is.False);
        Assert.That(response.Headers.Contains("X-Powered-By"), Is.False);
    }
}
