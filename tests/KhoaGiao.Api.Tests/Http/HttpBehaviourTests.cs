using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;

namespace KhoaGiao.Api.Tests.Http;

public sealed class HttpBehaviourTests : ApiTest
{
    [Test]
    public async Task Responses_carry_nosniff()
    {
        using var anonymous = Anonymous();
        var response = await anonymous.GetAsync("/api/v1/articles");
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
    }

    [Test]
    public async Task Delivery_api_answers_browsers_from_any_origin()
    {
        using var anonymous = Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.Add("Origin", "https://any-news-site.example");
        var response = await anonymous.SendAsync(request);
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
    }

    [Test]
    public async Task Management_api_answers_only_allowed_origins()
    {
        using var admin = Admin();
        var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/articles");
        allowed.Headers.Add("Origin", KhoaGiaoApiFactory.AllowedManagementOrigin);
        var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/articles");
        other.Headers.Add("Origin", "https://evil.example");

        var allowedResponse = await admin.SendAsync(allowed);
        var otherResponse = await admin.SendAsync(other);

        Assert.That(allowedResponse.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { KhoaGiaoApiFactory.AllowedManagementOrigin }));
        Assert.That(otherResponse.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task Responses_are_compressed_when_the_client_accepts_it()
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Bài dài", Factory.Clock.GetUtcNow().AddMinutes(-1));
        using var anonymous = Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.AcceptEncoding.ParseAdd("br");
        var response = await anonymous.SendAsync(request);
        Assert.That(response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "br" }));
    }

    [Test]
    public async Task Unknown_routes_return_a_404_problem()
    {
        using var anonymous = Anonymous();
        var problem = await AssertProblemAsync(await anonymous.GetAsync("/api/v1/khong-ton-tai"), 404);
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("Không tìm thấy"));
    }

    [Test]
    public async Task Liveness_and_readiness_report_healthy_with_the_database_up()
    {
        using var anonymous = Anonymous();
        var live = await anonymous.GetAsync("/health/live");
        var ready = await anonymous.GetAsync("/health/ready");
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(ready))["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Readiness_reports_503_when_the_database_is_unreachable()
    {
        await using var broken = Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Database:MigrateOnStartup", "false")
            .UseSetting("ConnectionStrings:KhoaGiao", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2"));
        using var client = broken.CreateClient();

        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var ready = await client.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await ReadJsonAsync(ready))["status"]!.GetValue<string>(), Is.EqualTo("Unhealthy"));
    }

    [Test]
    public async Task Management_requests_over_the_rate_limit_get_a_429_problem()
    {
        await using var limited = Factory.WithWebHostBuilder(builder => builder.UseSetting("Http:ManagementRequestsPerMinute", "2"));
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Add("Authorization", "ApiKey " + KhoaGiaoApiFactory.BootstrapAdminKey);

        Assert.That((await client.GetAsync("/api/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync("/api/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Bài")), 429);
        Assert.That(await QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Articles)), Is.Zero);
    }
}
