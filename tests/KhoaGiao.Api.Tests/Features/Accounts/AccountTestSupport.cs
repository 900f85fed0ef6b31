using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Features.Accounts;

/// <summary>Sends tokens the way a signed-in editor's browser would: bearer access tokens, refresh tokens in a body.</summary>
internal static class AccountTestSupport
{
    public static HttpClient WithBearer(KhoaGiaoApiFactory factory, string accessToken)
    {
        var client = factory.CreateDefaultClient(new IfMatchHandler());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<HttpResponseMessage> RefreshAsync(KhoaGiaoApiFactory factory, string refreshToken)
    {
        using var client = factory.CreateDefaultClient();
        return await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
    }

    /// <summary>Signs in and returns the access and refresh tokens, asserting the sign-in succeeded.</summary>
    public static async Task<(string AccessToken, string RefreshToken)> SignInAsync(KhoaGiaoApiFactory factory, string email, string password)
    {
        using var client = factory.CreateDefaultClient();
        var response = await UserBuilder.LoginAsync(client, email, password);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), "signing in failed: " + await response.Content.ReadAsStringAsync());
        var tokens = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (tokens["accessToken"]!.GetValue<string>(), tokens["refreshToken"]!.GetValue<string>());
    }

    /// <summary>The title and detail of a problem, to compare refusals that must look alike.</summary>
    public static (string? Title, string? Detail) Wording(JsonObject problem) =>
        (problem["title"]?.GetValue<string>(), problem["detail"]?.GetValue<string>());
}
