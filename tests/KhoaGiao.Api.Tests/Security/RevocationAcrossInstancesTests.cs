using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Security;

/// <summary>
/// A credential revoked through one instance is refused by another at once: no instance keeps its own copy of who
/// may call. Each test signs in (or makes a key) through A, shows that B accepts it, revokes it through A, and asks B.
/// </summary>
public sealed class RevocationAcrossInstancesTests : TwoInstanceTest
{
    [Test]
    public async Task Disabling_an_account_through_one_instance_ends_its_tokens_on_the_other()
    {
        using var admin = Admin();
        using var user = await SignedInAcceptedByBAsync(admin, Roles.Editor);

        Assert.That((await admin.PostAsync($"/api/v1/admin/users/{user.UserId}/disable", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertRefusedOnBAsync(user);
    }

    [Test]
    public async Task Resetting_a_password_through_one_instance_ends_the_sessions_on_the_other()
    {
        using var admin = Admin();
        using var user = await SignedInAcceptedByBAsync(admin, Roles.Author);

        var reset = await admin.PostAsJsonAsync($"/api/v1/admin/users/{user.UserId}/reset-password", new { newPassword = "Mat-Khau-Moi-2024!" });
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await AssertRefusedOnBAsync(user);
    }

    [Test]
    public async Task Signing_out_through_one_instance_ends_the_sessions_on_the_other()
    {
        using var admin = Admin();
        using var user = await SignedInAcceptedByBAsync(admin, Roles.Editor);

        Assert.That((await user.Client.PostAsync("/api/v1/auth/logout", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await AssertRefusedOnBAsync(user);
    }

    [Test]
    public async Task A_role_taken_away_through_one_instance_is_gone_from_the_token_on_the_other()
    {
        using var admin = Admin();
        using var user = await SignedInAcceptedByBAsync(admin, Roles.Editor);
        using var onB = Bearer(user.AccessToken);
        var draft = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài chờ đăng"));
        Assert.That((await onB.GetAsync("/api/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var roles = await admin.PutAsJsonAsync($"/api/v1/admin/users/{user.UserId}/roles", new { roles = new[] { Roles.Author } });
        Assert.That(roles.IsSuccessStatusCode, Is.True, await roles.Content.ReadAsStringAsync());

        var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/articles/{draft["id"]}/publish");
        publish.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        await AssertProblemAsync(await onB.SendAsync(publish), 403);
    }

    [Test]
    public async Task An_api_key_revoked_through_one_instance_is_refused_by_the_other()
    {
        using var admin = Admin();
        var created = await ReadJsonAsync(await admin.PostAsJsonAsync("/api/v1/admin/api-keys",
            new { name = "Đồng bộ Báo Hà Nam", scopes = new[] { Scopes.ContentRead } }));
        using var onB = Second.CreateClient(created["key"]!.GetValue<string>());
        Assert.That((await onB.GetAsync("/api/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await admin.DeleteAsync($"/api/v1/admin/api-keys/{created["id"]}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await AssertProblemAsync(await onB.GetAsync("/api/v1/admin/articles"), 401);
    }

    /// <summary>A user signed in through A whose access and refresh tokens B accepts.</summary>
    private async Task<UserBuilder.SignedIn> SignedInAcceptedByBAsync(HttpClient admin, string role)
    {
        var user = await UserBuilder.SignedInAsync(Factory, admin, role);
        using var onB = Bearer(user.AccessToken);
        Assert.That((await onB.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "B accepts A's token");
        return user;
    }

    private async Task AssertRefusedOnBAsync(UserBuilder.SignedIn user)
    {
        using var onB = Bearer(user.AccessToken);
        using var anonymousOnB = Second.CreateClient();
        using (Assert.EnterMultipleScope())
        {
            await AssertProblemAsync(await onB.GetAsync("/api/v1/auth/me"), 401);
            await AssertProblemAsync(await onB.GetAsync("/api/v1/admin/articles"), 401);
            await AssertProblemAsync(await anonymousOnB.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }), 401);
        }
    }

    private HttpClient Bearer(string accessToken)
    {
        var client = Second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
