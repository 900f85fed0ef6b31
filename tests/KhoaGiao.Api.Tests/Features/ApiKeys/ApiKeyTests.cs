using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.ApiKeys;

public sealed class ApiKeyTests : ApiTest
{
    [Test]
    public async Task CreateApiKey_returns_the_secret_once_and_stores_only_its_hash()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Đồng bộ Báo Hà Nam", scopes = new[] { "content:read", "content:write" } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = await ReadJsonAsync(response);
        var key = created["key"]!.GetValue<string>();
        Assert.That(key, Does.StartWith("kg_").And.Length.GreaterThan(40));

        var stored = await QueryAsync(db => db.ApiKeys.SingleAsync());
        Assert.That(stored.Hash, Is.EqualTo(ApiKeyHasher.Hash(key)));
        Assert.That(stored.Prefix, Is.EqualTo(key[..11]));

        var fetched = await ReadJsonAsync(await admin.GetAsync(response.Headers.Location!));
        Assert.That(fetched.ContainsKey("key"), Is.False);
        Assert.That(fetched["name"]!.GetValue<string>(), Is.EqualTo("Đồng bộ Báo Hà Nam"));
        var list = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/api-keys"));
        Assert.That(list["items"]!.AsArray().Single()!["prefix"]!.GetValue<string>(), Is.EqualTo(stored.Prefix));
        Assert.That(list.ToJsonString(), Does.Not.Contain(key));
    }

    [Test]
    public async Task CreateApiKey_with_an_unknown_scope_returns_validation_problem_and_stores_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "", scopes = new[] { "content:read", "root" } });

        var problem = await AssertValidationProblemAsync(response, "name", "scopes[1]");
        Assert.That(problem["errors"]!["scopes[1]"]![0]!.GetValue<string>(), Does.Contain("root"));
        Assert.That(await QueryAsync(db => db.ApiKeys.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateApiKey_with_its_own_rate_limit_shows_it_in_every_key_response()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Ứng dụng di động", scopes = new[] { "content:read" }, requestsPerMinute = 120 });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await ReadJsonAsync(response))["requestsPerMinute"]!.GetValue<int>(), Is.EqualTo(120));
        Assert.That((await ReadJsonAsync(await admin.GetAsync(response.Headers.Location!)))["requestsPerMinute"]!.GetValue<int>(), Is.EqualTo(120));
        var listed = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/api-keys"));
        Assert.That(listed["items"]![0]!["requestsPerMinute"]!.GetValue<int>(), Is.EqualTo(120));
        Assert.That(await QueryAsync(db => db.ApiKeys.Select(k => k.RequestsPerMinute).SingleAsync()), Is.EqualTo(120));
    }

    [Test]
    public async Task CreateApiKey_without_a_rate_limit_uses_the_service_wide_one()
    {
        using var admin = Admin();
        var created = await ReadJsonAsync(await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Mặc định", scopes = new[] { "content:read" } }));

        Assert.That(created.ContainsKey("requestsPerMinute") && created["requestsPerMinute"] is null, Is.True);
        Assert.That(await QueryAsync(db => db.ApiKeys.Select(k => k.RequestsPerMinute).SingleAsync()), Is.Null);
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(100_001)]
    public async Task CreateApiKey_with_a_rate_limit_out_of_range_returns_validation_problem_and_stores_nothing(int requestsPerMinute)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Sai giới hạn", scopes = new[] { "content:read" }, requestsPerMinute });

        await AssertValidationProblemAsync(response, "requestsPerMinute");
        Assert.That(await QueryAsync(db => db.ApiKeys.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task RevokeApiKey_makes_the_key_fail_authentication_at_once()
    {
        using var admin = Admin();
        var created = await ReadJsonAsync(await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Tạm", scopes = new[] { "content:read" } }));
        using var client = WithKey(created["key"]!.GetValue<string>());
        Assert.That((await client.GetAsync("/api/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await admin.DeleteAsync($"/api/v1/admin/api-keys/{created["id"]}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await AssertProblemAsync(await client.GetAsync("/api/v1/admin/articles"), 401);
        var listed = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/api-keys/{created["id"]}"));
        Assert.That(listed["revokedAt"], Is.Not.Null);
    }

    [Test]
    public async Task RevokeApiKey_for_an_unknown_id_returns_404_problem()
    {
        using var admin = Admin();
        await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/api-keys/{Guid.NewGuid()}"), 404);
    }

    [TestCase(Scopes.ContentRead)]
    [TestCase(Scopes.ContentWrite)]
    [TestCase(Scopes.ContentPublish)]
    public async Task ApiKey_routes_need_the_admin_scope(string scope)
    {
        using var client = await WithScopesAsync(scope);
        await AssertProblemAsync(await client.GetAsync("/api/v1/admin/api-keys"), 403);
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "x", scopes = new[] { "admin" } }), 403);
        Assert.That(await QueryAsync(db => db.ApiKeys.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task An_admin_key_created_through_the_api_can_manage_content_and_keys()
    {
        using var admin = await WithScopesAsync(Scopes.Admin);
        await ArticleBuilder.CreatePublishedAsync(admin, "Bài của quản trị");
        Assert.That((await admin.GetAsync("/api/v1/admin/api-keys")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Forbidden_and_unauthorized_problems_are_worded_in_the_request_language()
    {
        using var anonymous = Anonymous();
        var vietnamese = await AssertProblemAsync(await anonymous.GetAsync("/api/v1/admin/api-keys"), 401);
        Assert.That(vietnamese["title"]!.GetValue<string>(), Is.EqualTo("Chưa xác thực"));

        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await AssertProblemAsync(await anonymous.GetAsync("/api/v1/admin/api-keys"), 401);
        Assert.That(english["title"]!.GetValue<string>(), Is.EqualTo("Unauthorized"));
    }
}
