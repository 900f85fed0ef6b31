using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>Every place a 429 comes from answers an RFC 9457 problem with <c>Retry-After</c>.</summary>
public sealed class RateLimitTests : ApiTest
{
    [Test]
    public async Task The_management_limit_per_caller_answers_a_localized_problem_with_retry_after()
    {
        await using var limited = Limited("Http:ManagementRequestsPerMinute", 1);
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        Assert.That((await client.GetAsync("/api/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var vietnamese = await client.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Bài"));
        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/articles");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishResponse = await client.SendAsync(english);

        Assert.That((await AssertTooManyRequestsAsync(vietnamese))["title"]!.GetValue<string>(), Is.EqualTo("Quá nhiều yêu cầu"));
        Assert.That((await AssertTooManyRequestsAsync(englishResponse))["title"]!.GetValue<string>(), Is.EqualTo("Too many requests"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task The_management_limit_per_address_answers_retry_after()
    {
        await using var limited = Limited("Http:ManagementRequestsPerMinute", 1);
        using var client = limited.CreateClient();
        Assert.That((await client.GetAsync("/api/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        await AssertTooManyRequestsAsync(await client.GetAsync("/api/v1/admin/articles"));
    }

    [Test]
    public async Task An_api_key_with_its_own_limit_gets_429_past_it_while_another_key_is_unaffected()
    {
        using var admin = Admin();
        var limitedKey = await ReadJsonAsync(await admin.PostAsJsonAsync("/api/v1/admin/api-keys",
            new { name = "Đồng bộ giới hạn", scopes = new[] { Scopes.ContentRead }, requestsPerMinute = 3 }));
        using var limitedClient = WithKey(limitedKey["key"]!.GetValue<string>());
        using var otherClient = await WithScopesAsync(Scopes.ContentRead);

        for (var request = 1; request <= 3; request++)
        {
            Assert.That((await limitedClient.GetAsync("/api/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {request}");
        }

        await AssertTooManyRequestsAsync(await limitedClient.GetAsync("/api/v1/admin/articles"));
        for (var request = 1; request <= 5; request++)
        {
            Assert.That((await otherClient.GetAsync("/api/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"other key, request {request}");
        }
    }

    [Test]
    public async Task The_sign_in_limit_per_address_answers_retry_after()
    {
        await using var limited = Limited("Accounts:LoginAttemptsPerMinutePerIp", 1);
        using var client = limited.CreateClient();
        await AssertProblemAsync(await UserBuilder.LoginAsync(client, "khach@khoagiao.test", UserBuilder.Password), 401);

        await AssertTooManyRequestsAsync(await UserBuilder.LoginAsync(client, "khach@khoagiao.test", UserBuilder.Password));
    }

    [Test]
    public async Task Token_refreshes_count_against_the_sign_in_limit_per_address_and_answer_retry_after()
    {
        await using var limited = Limited("Accounts:LoginAttemptsPerMinutePerIp", 1);
        using var client = limited.CreateClient();
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "khong-hop-le" }), 401);

        await AssertTooManyRequestsAsync(await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "khong-hop-le" }));
    }

    [Test]
    public async Task The_sign_in_limit_per_account_answers_retry_after()
    {
        using var admin = Admin();
        await UserBuilder.CreateAsync(admin, "bientap@khoagiao.test", Roles.Author);
        await using var limited = Limited("Accounts:LoginAttemptsPerMinutePerAccount", 1);
        using var client = limited.CreateClient();
        Assert.That((await UserBuilder.LoginAsync(client, "bientap@khoagiao.test", UserBuilder.Password)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertTooManyRequestsAsync(await UserBuilder.LoginAsync(client, "bientap@khoagiao.test", UserBuilder.Password));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "login.succeeded")), Is.EqualTo(1));
    }

    [Test]
    public async Task Every_response_of_a_limited_route_says_where_its_caller_stands_down_to_the_429()
    {
        await using var limited = Limited("Http:ManagementRequestsPerMinute", 3);
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);

        var ok = await client.GetAsync("/api/v1/admin/articles");
        var invalid = await client.PostAsJsonAsync("/api/v1/admin/articles", new { title = "" });
        var missing = await client.GetAsync($"/api/v1/admin/articles/{Guid.NewGuid()}");
        var refused = await client.GetAsync("/api/v1/admin/articles");

        Assert.Multiple(() =>
        {
            Assert.That(new[] { ok, invalid, missing, refused }.Select(r => (int)r.StatusCode), Is.EqualTo(new[] { 200, 400, 404, 429 }));
            Assert.That(new[] { ok, invalid, missing, refused }.Select(r => Header(r, "RateLimit-Limit")), Has.All.EqualTo(3));
            Assert.That(new[] { ok, invalid, missing, refused }.Select(r => Header(r, "RateLimit-Remaining")), Is.EqualTo(new[] { 2, 1, 0, 0 }));
            Assert.That(new[] { ok, invalid, missing, refused }.Select(r => Header(r, "RateLimit-Reset")), Has.All.InRange(1, 60));
            Assert.That(Header(refused, "RateLimit-Reset"), Is.EqualTo((int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds).Within(1),
                "the window restarts when the 429 says to retry");
        });
    }

    [Test]
    public async Task Sign_in_counts_the_address_and_delivery_reads_carry_no_rate_limit_headers()
    {
        using var client = Factory.CreateClient();

        var login = await UserBuilder.LoginAsync(client, "khong-co@khoagiao.test", "sai-mat-khau");
        var read = await client.GetAsync("/api/v1/articles");

        Assert.Multiple(() =>
        {
            Assert.That((int)login.StatusCode, Is.EqualTo(401));
            Assert.That(Header(login, "RateLimit-Limit"), Is.EqualTo(100_000), "Accounts:LoginAttemptsPerMinutePerIp of the test host");
            Assert.That(Header(login, "RateLimit-Remaining"), Is.LessThan(100_000));
            Assert.That((int)read.StatusCode, Is.EqualTo(200));
            Assert.That(read.Headers.Select(h => h.Key), Has.None.StartsWith("RateLimit"));
        });
    }

    private static int Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture) : -1;

    /// <summary>An app of its own with one small limit: the limiters live in the app and count real minutes.</summary>
    private static WebApplicationFactory<Program> Limited(string setting, int limit) =>
        Factory.WithWebHostBuilder(builder => builder.UseSetting(setting, limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task<System.Text.Json.Nodes.JsonObject> AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        var problem = await AssertProblemAsync(response, 429);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));
        return problem;
    }
}
