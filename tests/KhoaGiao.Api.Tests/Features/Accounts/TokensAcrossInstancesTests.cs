using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.Features.Accounts.AccountTestSupport;

namespace KhoaGiao.Api.Tests.Features.Accounts;

/// <summary>
/// Staff sign-in across two instances on one database, as behind a load balancer that sends each request anywhere:
/// the tokens are protected with the Data Protection keys kept in the database, and every request checks the
/// account's security stamp and state there, so a token works on either instance and a sign-out or a disabling on one
/// is refused by the other on its next request. <c>RevocationAcrossInstancesTests</c> revokes through A and asks B; these
/// sign in, refresh and revoke through B and ask A, and check what was stored.
/// </summary>
public sealed class TokensAcrossInstancesTests : TwoInstanceTest
{
    [Test]
    public async Task An_access_token_from_a_sign_in_on_one_instance_works_on_the_other()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        using var onB = Second.CreateBearerClient(user.AccessToken);

        var me = await onB.GetAsync("/api/v1/auth/me");
        var created = await onB.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Tin viết qua máy B"));

        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(me))["id"]!.GetValue<string>(), Is.EqualTo(user.UserId.ToString()));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.AuthorId).SingleAsync()), Is.EqualTo(user.UserId));
    }

    [Test]
    public async Task An_access_token_from_a_sign_in_on_the_other_instance_works_on_the_first()
    {
        using var admin = Admin();
        var email = $"bien-tap-{Guid.NewGuid():N}@khoagiao.test";
        var userId = await UserBuilder.CreateAsync(admin, email, Roles.Editor);
        using var anonymousOnB = Second.CreateClient();

        var login = await UserBuilder.LoginAsync(anonymousOnB, email, UserBuilder.Password);

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var onA = WithBearer(Factory, (await ReadJsonAsync(login))["accessToken"]!.GetValue<string>());
        var me = await onA.GetAsync("/api/v1/auth/me");
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(me))["id"]!.GetValue<string>(), Is.EqualTo(userId.ToString()));
        Assert.That((await onA.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Tin viết qua máy A"))).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.AuthorId).SingleAsync()), Is.EqualTo(userId));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "login.succeeded" && e.TargetId == userId.ToString())),
            Is.EqualTo(1));
    }

    /// <summary>
    /// Refresh tokens are not single-use: RefreshToken promises new tokens for any unexpired refresh token whose user
    /// has not signed out (or been reset or disabled) since, and keeps no record of the ones it exchanged. So the one
    /// exchanged on B still works on A; what ends both, on every instance, is signing out (next test).
    /// </summary>
    [Test]
    public async Task A_refresh_token_from_one_instance_is_exchanged_on_the_other_for_tokens_that_work_on_the_first()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        var stamp = await SecurityStampAsync(user.UserId);
        using var anonymousOnB = Second.CreateClient();

        var refreshed = await anonymousOnB.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });

        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var tokens = await ReadJsonAsync(refreshed);
        var accessToken = tokens["accessToken"]!.GetValue<string>();
        var refreshToken = tokens["refreshToken"]!.GetValue<string>();
        Assert.That(accessToken, Is.Not.EqualTo(user.AccessToken));
        Assert.That(refreshToken, Is.Not.EqualTo(user.RefreshToken));
        using var onA = WithBearer(Factory, accessToken);
        var me = await onA.GetAsync("/api/v1/auth/me");
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(me))["id"]!.GetValue<string>(), Is.EqualTo(user.UserId.ToString()));
        Assert.That((await RefreshAsync(Factory, refreshToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "A refused the refresh token B issued");
        Assert.That((await RefreshAsync(Factory, user.RefreshToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK),
            "A refused the refresh token B exchanged, which the product does not promise");
        Assert.That(await SecurityStampAsync(user.UserId), Is.EqualTo(stamp), "refreshing ended the sessions");
    }

    [Test]
    public async Task Signing_out_on_one_instance_ends_every_token_of_the_user_on_the_other_at_once()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        var refreshed = await ReadJsonAsync(await RefreshAsync(Factory, user.RefreshToken));
        using var refreshedOnA = WithBearer(Factory, refreshed["accessToken"]!.GetValue<string>());
        Assert.That((await user.Client.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "A did not take the token first");
        Assert.That((await refreshedOnA.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var stamp = await SecurityStampAsync(user.UserId);
        using var onB = Second.CreateBearerClient(user.AccessToken);

        var logout = await onB.PostAsync("/api/v1/auth/logout", null);

        // Every check runs even when one fails: each is a separate promise of revocation.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            await AssertProblemAsync(await user.Client.GetAsync("/api/v1/auth/me"), 401);
            await AssertProblemAsync(await user.Client.GetAsync("/api/v1/admin/articles"), 401);
            await AssertProblemAsync(await refreshedOnA.GetAsync("/api/v1/auth/me"), 401);
            await AssertProblemAsync(await RefreshAsync(Factory, user.RefreshToken), 401);
            await AssertProblemAsync(await RefreshAsync(Factory, refreshed["refreshToken"]!.GetValue<string>()), 401);
            await AssertProblemAsync(await onB.GetAsync("/api/v1/auth/me"), 401);
            Assert.That(await SecurityStampAsync(user.UserId), Is.Not.EqualTo(stamp));
            Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "logout" && e.TargetId == user.UserId.ToString())),
                Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Disabling_an_account_on_one_instance_refuses_its_tokens_and_sign_in_on_the_other_at_once()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        Assert.That((await user.Client.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "A did not take the token first");
        using var adminOnB = Second.CreateClient(KhoaGiaoApiFactory.BootstrapAdminKey);

        var disabled = await adminOnB.PostAsync($"/api/v1/admin/users/{user.UserId}/disable", null);

        // Every check runs even when one fails: each is a separate promise of revocation.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await AssertProblemAsync(await user.Client.GetAsync("/api/v1/auth/me"), 401);
            await AssertProblemAsync(await user.Client.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Tin sau khi bị khóa")), 401);
            await AssertProblemAsync(await RefreshAsync(Factory, user.RefreshToken), 401);
            using var anonymous = Anonymous();
            await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, user.Email, UserBuilder.Password), 401);
            Assert.That(await QueryAsync(db => db.Users.Where(u => u.Id == user.UserId).Select(u => u.DisabledAt).SingleAsync()), Is.Not.Null);
            Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        }
    }

    [Test]
    public async Task Failed_sign_ins_on_both_instances_add_up_to_one_lockout()
    {
        using var admin = Admin();
        var email = $"bien-tap-{Guid.NewGuid():N}@khoagiao.test";
        var userId = await UserBuilder.CreateAsync(admin, email, Roles.Editor);
        using var anonymousOnA = Anonymous();
        using var anonymousOnB = Second.CreateClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AssertProblemAsync(await UserBuilder.LoginAsync(attempt % 2 == 0 ? anonymousOnB : anonymousOnA, email, "Sai-Mat-Khau-2024!"), 401);
        }

        await AssertProblemAsync(await UserBuilder.LoginAsync(anonymousOnA, email, UserBuilder.Password), 401);
        await AssertProblemAsync(await UserBuilder.LoginAsync(anonymousOnB, email, UserBuilder.Password), 401);
        var stored = await QueryAsync(db => db.Users.SingleAsync(u => u.Id == userId));

        // Identity's lockout reads the system clock, not the registered TimeProvider.
        Assert.That(stored.LockoutEnd, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(14)));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "login.succeeded")), Is.Zero);
    }

    private static Task<string?> SecurityStampAsync(Guid userId) =>
        QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());
}
