using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>Creates staff accounts through the admin API and signs them in, as a person would.</summary>
public static class UserBuilder
{
    public const string Password = "Thu-Nghiem-2024!";

    /// <summary>A signed-in user's client (bearer token) and id.</summary>
    public sealed record SignedIn(HttpClient Client, Guid UserId, string Email, string AccessToken, string RefreshToken) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    public static async Task<Guid> CreateAsync(HttpClient admin, string email, params string[] roles)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, displayName = "Người dùng " + email, password = Password, roles });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), "creating the user failed: " + await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    /// <summary>Creates a user with these roles and signs in; the client sends its bearer token.</summary>
    public static async Task<SignedIn> SignedInAsync(KhoaGiaoApiFactory factory, HttpClient admin, params string[] roles)
    {
        var email = $"{string.Join("-", roles)}-{Guid.NewGuid():N}@khoagiao.test";
        var id = await CreateAsync(admin, email, roles);
        var client = factory.CreateDefaultClient(new IfMatchHandler());
        var login = await LoginAsync(client, email, Password);
        Assert.That((int)login.StatusCode, Is.EqualTo(200), "signing in failed");
        var tokens = (await login.Content.ReadFromJsonAsync<JsonObject>())!;
        var accessToken = tokens["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new SignedIn(client, id, email, accessToken, tokens["refreshToken"]!.GetValue<string>());
    }
}
