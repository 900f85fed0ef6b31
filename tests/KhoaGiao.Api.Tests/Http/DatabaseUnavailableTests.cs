using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>
/// The service over a database that refuses connections: what needs the database is a 503 problem telling the client
/// when to retry, and liveness stays up. (deploy/chaos/db-outage.sh stops a real server under load.)
/// </summary>
public sealed class DatabaseUnavailableTests : ApiTest
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none";

    [TestCase("GET", "/api/v1/articles")]
    [TestCase("GET", "/api/v1/events")]
    [TestCase("GET", "/api/v1/changes")]
    [TestCase("GET", "/api/v1/admin/articles")]
    [TestCase("POST", "/api/v1/admin/articles")]
    public async Task A_request_that_needs_the_database_is_a_503_problem_with_Retry_After(string method, string path)
    {
        await using var broken = Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Database:MigrateOnStartup", "false")
            .UseSetting("ConnectionStrings:KhoaGiao", Unreachable));
        using var client = broken.CreateClient();
        client.DefaultRequestHeaders.Add("Authorization", "ApiKey " + KhoaGiaoApiFactory.BootstrapAdminKey);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(ArticleBuilder.Request("Bài viết lúc mất cơ sở dữ liệu"));
        }

        var response = await client.SendAsync(request);

        var problem = await AssertProblemAsync(response, 503);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Retry-After"));
        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }
}
