using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.Features.Accounts.AccountTestSupport;

namespace KhoaGiao.Api.Tests.Features.Accounts;

public sealed class TokenTests : ApiTest
{
    [Test]
    public async Task RefreshToken_returns_new_tokens_that_work()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);

        var response = await RefreshAsync(Factory, user.RefreshToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var tokens = await ReadJsonAsync(response);
        var accessToken = tokens["accessToken"]!.GetValue<string>();
        Assert.That(accessToken, Is.Not.Empty.And.Not.EqualTo(user.AccessToken));
        Assert.That(tokens["refreshToken"]!.GetValue<string>(), Is.Not.Empty.And.Not.EqualTo(user.RefreshToken));
        using var refreshed = WithBearer(Factory, accessToken);
        var me = await ReadJsonAsync(await refreshed.GetAsync("/api/v1/auth/me"));
        Assert.That(me["id"]!.GetValue<string>(), Is.EqualTo(user.UserId.ToString()));
    }

    [Test]
    public async Task RefreshToken_refuses_an_access_token_and_a_forged_token_with_401_problem()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        var stamp = await QueryAsync(db => db.Users.Where(u => u.Id == user.UserId).Select(u => u.SecurityStamp).SingleAsync());

        var withAccessToken = await AssertProblemAsync(await RefreshAsync(Factory, user.AccessToken), 401);
        var forged = await AssertProblemAsync(await RefreshAsync(Factory, user.RefreshToken[..^4] + "AAAA"), 401);

        Assert.That(Wording(withAccessToken), Is.EqualTo(("Phiên đăng nhập đã hết hạn", "Hãy đăng nhập lại.")));
        Assert.That(Wording(forged), Is.EqualTo(Wording(withAccessToken)));
        Assert.That(await QueryAsync(db => db.Users.Where(u => u.Id == user.UserId).Select(u => u.SecurityStamp).SingleAsync()), Is.EqualTo(stamp));
        Assert.That((await user.Client.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RefreshToken_as_a_bearer_access_token_is_refused_with_401_problem()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        using var client = WithBearer(Factory, user.RefreshToken);

        await AssertProblemAsync(await client.GetAsync("/api/v1/auth/me"), 401);
    }

    [Test]
    public async Task RefreshToken_without_a_token_returns_validation_problem_and_records_nothing()
    {
        using var anonymous = Anonymous();

        await AssertValidationProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "" }), "refreshToken");

        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Access_token_expires_after_fifteen_minutes_and_the_refresh_token_renews_it()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        Factory.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.That((await user.Client.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Factory.Clock.Advance(TimeSpan.FromMinutes(2));

        await AssertProblemAsync(await user.Client.GetAsync("/api/v1/auth/me"), 401);
        var refreshed = await ReadJsonAsync(await RefreshAsync(Factory, user.RefreshToken));
        using var client = WithBearer(Factory, refreshed["accessToken"]!.GetValue<string>());
        Assert.That((await client.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RefreshToken_expires_after_fourteen_days()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        Factory.Clock.Advance(TimeSpan.FromDays(13));
        Assert.That((await RefreshAsync(Factory, user.RefreshToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Factory.Clock.Advance(TimeSpan.FromDays(2));

        await AssertProblemAsync(await RefreshAsync(Factory, user.RefreshToken), 401);
    }

    [Test]
    public async Task Logout_revokes_the_access_and_refresh_tokens_at_once()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);

        var response = await user.Client.PostAsync("/api/v1/auth/logout", null);

        // Every check runs even when one fails: each is a separate promise of revocation.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            await AssertProblemAsync(await user.Client.GetAsync("/api/v1/auth/me"), 401);
            await AssertProblemAsync(await user.Client.GetAsync("/api/v1/admin/articles"), 401);
            await AssertProblemAsync(await RefreshAsync(Factory, user.RefreshToken), 401);
            var logout = await QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "logout"));
            Assert.That(logout.ActorId, Is.EqualTo(user.UserId.ToString()));
            Assert.That(logout.TargetId, Is.EqualTo(user.UserId.ToString()));

            var (accessToken, _) = await SignInAsync(Factory, user.Email, UserBuilder.Password);
            using var again = WithBearer(Factory, accessToken);
            Assert.That((await again.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Logout_ends_the_users_other_sessions_too()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        var (otherAccessToken, otherRefreshToken) = await SignInAsync(Factory, user.Email, UserBuilder.Password);
        using var otherSession = WithBearer(Factory, otherAccessToken);
        Assert.That((await otherSession.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await user.Client.PostAsync("/api/v1/auth/logout", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        // Every check runs even when one fails: each is a separate promise of revocation.
        using (Assert.EnterMultipleScope())
        {
            await AssertProblemAsync(await otherSession.GetAsync("/api/v1/auth/me"), 401);
            await AssertProblemAsync(await RefreshAsync(Factory, otherRefreshToken), 401);
        }
    }

    [Test]
    public async Task Logout_with_an_api_key_returns_400_problem_and_records_nothing()
    {
        using var key = await WithScopesAsync(Scopes.Admin);

        var problem = await AssertProblemAsync(await key.PostAsync("/api/v1/auth/logout", null), 400);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("khóa API"));
        Assert.That((await key.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "logout")), Is.Zero);
    }

    [Test]
    public async Task Logout_with_the_bootstrap_admin_key_returns_400_problem_and_records_nothing()
    {
        using var bootstrap = Admin();

        await AssertProblemAsync(await bootstrap.PostAsync("/api/v1/auth/logout", null), 400);

        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "logout")), Is.Zero);
    }

    [Test]
    public async Task Logout_without_credentials_returns_401_problem_and_records_nothing()
    {
        using var anonymous = Anonymous();

        await AssertProblemAsync(await anonymous.PostAsync("/api/v1/auth/logout", null), 401);

        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task GetCurrentIdentity_describes_an_api_key_by_its_name_and_scopes()
    {
        using var admin = Admin();
        var created = await ReadJsonAsync(await admin.PostAsJsonAsync("/api/v1/admin/api-keys",
            new { name = "Đồng bộ Báo Hà Nam", scopes = new[] { Scopes.ContentWrite, Scopes.ContentRead } }));
        using var key = WithKey(created["key"]!.GetValue<string>());

        var me = await ReadJsonAsync(await key.GetAsync("/api/v1/auth/me"));

        Assert.That(me["id"]!.GetValue<string>(), Is.EqualTo(created["id"]!.GetValue<string>()));
        Assert.That(me["name"]!.GetValue<string>(), Is.EqualTo("Đồng bộ Báo Hà Nam"));
        Assert.That(me["kind"]!.GetValue<string>(), Is.EqualTo("apiKey"));
        Assert.That(me["scopes"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "content:read", "content:write" }));
    }

    [Test]
    public async Task DisableUser_makes_the_users_tokens_fail_at_once_and_their_sign_in_fail()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        Assert.That((await user.Client.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var response = await admin.PostAsync($"/api/v1/admin/users/{user.UserId}/disable", null);

        // Every check runs even when one fails: each is a separate promise of revocation.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await ReadJsonAsync(response))["disabledAt"], Is.Not.Null);
            await AssertProblemAsync(await user.Client.GetAsync("/api/v1/auth/me"), 401);
            await AssertProblemAsync(await user.Client.GetAsync("/api/v1/admin/articles"), 401);
            await AssertProblemAsync(await RefreshAsync(Factory, user.RefreshToken), 401);
            using var anonymous = Anonymous();
            var refused = await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, user.Email, UserBuilder.Password), 401);
            Assert.That(refused["title"]!.GetValue<string>(), Is.EqualTo("Đăng nhập không thành công"));
            Assert.That(await QueryAsync(db => db.Users.Where(u => u.Id == user.UserId).Select(u => u.DisabledAt).SingleAsync()), Is.Not.Null);
        }
    }

    [Test]
    public async Task EnableUser_lets_the_user_sign_in_again_but_does_not_revive_old_tokens()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        Assert.That((await admin.PostAsync($"/api/v1/admin/users/{user.UserId}/disable", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var response = await admin.PostAsync($"/api/v1/admin/users/{user.UserId}/enable", null);

        // Every check runs even when one fails: each is a separate promise of revocation.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await ReadJsonAsync(response))["disabledAt"], Is.Null);
            await AssertProblemAsync(await user.Client.GetAsync("/api/v1/auth/me"), 401);
            await AssertProblemAsync(await RefreshAsync(Factory, user.RefreshToken), 401);
            var (accessToken, _) = await SignInAsync(Factory, user.Email, UserBuilder.Password);
            using var again = WithBearer(Factory, accessToken);
            Assert.That((await again.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task SetUserRoles_from_author_to_editor_lets_the_same_token_publish_on_its_next_request()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        var article = await ArticleBuilder.CreateAsync(user.Client, ArticleBuilder.Request("Bài của phóng viên"));
        var publish = $"/api/v1/admin/articles/{article["id"]}/publish";
        await AssertProblemAsync(await user.Client.PostAsJsonAsync(publish, new { }), 403);
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Status).SingleAsync()), Is.EqualTo(ArticleStatus.Draft));

        var changed = await admin.PutAsJsonAsync($"/api/v1/admin/users/{user.UserId}/roles", new { roles = new[] { Roles.Editor } });

        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(changed))["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { Roles.Editor }));
        Assert.That((await user.Client.PostAsJsonAsync(publish, new { })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Status).SingleAsync()), Is.EqualTo(ArticleStatus.Published));
        var me = await ReadJsonAsync(await user.Client.GetAsync("/api/v1/auth/me"));
        Assert.That(me["scopes"]!.AsArray().Select(s => s!.GetValue<string>()), Does.Contain(Scopes.ContentPublish));
    }

    [Test]
    public async Task SetUserRoles_from_editor_to_author_forbids_publishing_with_the_same_token()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        var article = await ArticleBuilder.CreateAsync(user.Client, ArticleBuilder.Request("Bài của biên tập viên"));

        var changed = await admin.PutAsJsonAsync($"/api/v1/admin/users/{user.UserId}/roles", new { roles = new[] { Roles.Author } });

        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await user.Client.PostAsJsonAsync($"/api/v1/admin/articles/{article["id"]}/publish", new { }), 403);
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Status).SingleAsync()), Is.EqualTo(ArticleStatus.Draft));
        var me = await ReadJsonAsync(await user.Client.GetAsync("/api/v1/auth/me"));
        Assert.That(me["scopes"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { Scopes.ContentRead, Scopes.ContentWrite }));
        var refreshed = await RefreshAsync(Factory, user.RefreshToken);
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task SetUserRoles_to_none_leaves_a_token_that_may_only_say_who_it_is()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);

        Assert.That((await admin.PutAsJsonAsync($"/api/v1/admin/users/{user.UserId}/roles", new { roles = Array.Empty<string>() })).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));

        await AssertProblemAsync(await user.Client.GetAsync("/api/v1/admin/articles"), 403);
        var me = await ReadJsonAsync(await user.Client.GetAsync("/api/v1/auth/me"));
        Assert.That(me["scopes"]!.AsArray(), Is.Empty);
        Assert.That(await QueryAsync(db => db.UserRoles.CountAsync(r => r.UserId == user.UserId)), Is.Zero);
    }
}
