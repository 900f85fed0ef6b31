using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Data;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>Base of tests that drive the API over HTTP; the database is empty when each test starts.</summary>
public abstract class ApiTest
{
    protected static KhoaGiaoApiFactory Factory => TestDatabase.Factory;

    [SetUp]
    public async Task ResetDatabaseAsync()
    {
        await TestDatabase.ResetAsync();
        LeakWatch.Drain();
    }

    /// <summary>No response of the test showed the service's insides (see <see cref="LeakWatch"/>).</summary>
    [TearDown]
    public void NothingLeaked() => Assert.That(LeakWatch.Drain(), Is.Empty, "responses that reveal internals");

    protected static HttpClient Anonymous() => Factory.CreateDefaultClient(new IfMatchHandler());

    /// <summary>A client that sends exactly what the test says: no <c>If-Match</c> added.</summary>
    protected static HttpClient Raw(string? apiKey = KhoaGiaoApiFactory.BootstrapAdminKey)
    {
        var client = Factory.CreateDefaultClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
        }

        return client;
    }

    protected static HttpClient WithKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    protected static HttpClient Admin() => WithKey(KhoaGiaoApiFactory.BootstrapAdminKey);

    /// <summary>A client whose API key (created through the API) has exactly these scopes.</summary>
    protected static async Task<HttpClient> WithScopesAsync(params string[] scopes)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "test " + string.Join(',', scopes), scopes });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        return WithKey(created!["key"]!.GetValue<string>());
    }

    /// <summary>Runs a query in a fresh scope, to read back what the API really stored.</summary>
    protected static async Task<T> QueryAsync<T>(Func<KhoaGiaoDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>());
    }

    protected static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Asserts an RFC 9457 problem response with the given status; returns its body.</summary>
    protected static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text[..Math.Min(text.Length, 400)]);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await ReadJsonAsync(response);
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(status));
        Assert.That(problem["title"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name exactly these fields.</summary>
    protected static async Task<JsonObject> AssertValidationProblemAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await AssertProblemAsync(response, 400);
        var errors = problem["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(fields));
        return problem;
    }

    protected static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
