using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.Features.Accounts.AccountTestSupport;

namespace KhoaGiao.Api.Tests.Features.Accounts;

public sealed class LoginTests : ApiTest
{
    private const string Email = "bientap@khoagiao.test";

    [TestCase(Roles.Author, new[] { "content:read", "content:write" })]
    [TestCase(Roles.Editor, new[] { "content:publish", "content:read", "content:write" })]
    [TestCase(Roles.Admin, new[] { "admin", "content:publish", "content:read", "content:write", "webhooks:manage" })]
    public async Task Login_returns_tokens_that_identify_the_user_with_the_scopes_of_their_role(string role, string[] scopes)
    {
        using var admin = Admin();
        var id = await UserBuilder.CreateAsync(admin, Email, role);
        using var anonymous = Anonymous();

        var response = await UserBuilder.LoginAsync(anonymous, Email, UserBuilder.Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var tokens = await ReadJsonAsync(response);
        Assert.That(tokens["tokenType"]!.GetValue<string>(), Is.EqualTo("Bearer"));
        Assert.That(tokens["accessToken"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(tokens["refreshToken"]!.GetValue<string>(), Is.Not.Empty.And.Not.EqualTo(tokens["accessToken"]!.GetValue<string>()));
        Assert.That(tokens["expiresIn"]!.GetValue<long>(), Is.EqualTo(15 * 60));

        using var user = WithBearer(Factory, tokens["accessToken"]!.GetValue<string>());
        var me = await user.GetAsync("/api/v1/auth/me");
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var identity = await ReadJsonAsync(me);
        Assert.That(identity["id"]!.GetValue<string>(), Is.EqualTo(id.ToString()));
        Assert.That(identity["name"]!.GetValue<string>(), Is.EqualTo(Email));
        Assert.That(identity["kind"]!.GetValue<string>(), Is.EqualTo("user"));
        Assert.That(identity["scopes"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(scopes));
    }

    [Test]
    public async Task Login_accepts_the_email_in_any_case_and_with_surrounding_spaces()
    {
        using var admin = Admin();
        await UserBuilder.CreateAsync(admin, Email, Roles.Author);
        using var anonymous = Anonymous();

        var response = await UserBuilder.LoginAsync(anonymous, "  BienTap@KhoaGiao.TEST ", UserBuilder.Password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Login_failures_do_not_reveal_whether_the_account_exists()
    {
        using var admin = Admin();
        var active = await UserBuilder.CreateAsync(admin, Email, Roles.Editor);
        var disabled = await UserBuilder.CreateAsync(admin, "danghi@khoagiao.test", Roles.Editor);
        Assert.That((await admin.PostAsync($"/api/v1/admin/users/{disabled}/disable", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var anonymous = Anonymous();

        var wrongPassword = await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, Email, "Sai-Mat-Khau-2024!"), 401);
        var unknownEmail = await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, "khongco@khoagiao.test", UserBuilder.Password), 401);
        var disabledAccount = await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, "danghi@khoagiao.test", UserBuilder.Password), 401);

        Assert.That(Wording(wrongPassword), Is.EqualTo(("Đăng nhập không thành công", "Email hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa.")));
        Assert.That(Wording(unknownEmail), Is.EqualTo(Wording(wrongPassword)));
        Assert.That(Wording(disabledAccount), Is.EqualTo(Wording(wrongPassword)));
        Assert.That(unknownEmail.ContainsKey("errors"), Is.False);
        var failed = await QueryAsync(db => db.AuditEntries.Where(e => e.Action == "login.failed").Select(e => e.TargetId).ToListAsync());
        Assert.That(failed, Is.EquivalentTo(new[] { active.ToString(), null, disabled.ToString() }));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "login.succeeded")), Is.Zero);
    }

    [Test]
    public async Task Login_failures_are_worded_in_english_when_asked()
    {
        using var anonymous = Anonymous();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var problem = await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, "khongco@khoagiao.test", UserBuilder.Password), 401);

        Assert.That(Wording(problem), Is.EqualTo(("Sign-in failed", "The e-mail or password is wrong, or the account is temporarily locked.")));
    }

    [Test]
    public async Task Login_locks_the_account_after_five_failures_and_then_refuses_the_right_password_with_the_same_401()
    {
        using var admin = Admin();
        var id = await UserBuilder.CreateAsync(admin, Email, Roles.Editor);
        using var anonymous = Anonymous();

        var first = await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, Email, "Sai-Mat-Khau-2024!"), 401);
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, Email, "Sai-Mat-Khau-2024!"), 401);
        }

        var locked = await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, Email, UserBuilder.Password), 401);

        Assert.That(Wording(locked), Is.EqualTo(Wording(first)));
        var stored = await QueryAsync(db => db.Users.SingleAsync(u => u.Id == id));

        // Identity's lockout reads the system clock, not the registered TimeProvider.
        Assert.That(stored.LockoutEnd, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(14)));
        var failures = await QueryAsync(db => db.AuditEntries.Where(e => e.Action == "login.failed" && e.TargetId == id.ToString())
            .OrderBy(e => e.At).Select(e => e.Details).ToListAsync());
        Assert.That(failures, Is.EqualTo(new[] { "wrong password", "wrong password", "wrong password", "wrong password", "locked out", "locked out" }));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "login.succeeded")), Is.Zero);
    }

    [Test]
    public async Task Login_records_the_failure_and_the_success_in_the_audit_log()
    {
        using var admin = Admin();
        var id = await UserBuilder.CreateAsync(admin, Email, Roles.Author);
        using var anonymous = Anonymous();

        await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, Email, "Sai-Mat-Khau-2024!"), 401);
        Assert.That((await UserBuilder.LoginAsync(anonymous, Email, UserBuilder.Password)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var log = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/audit?action=login.succeeded"));
        var succeeded = log["items"]!.AsArray().Single()!;
        Assert.That(succeeded["actorId"]!.GetValue<string>(), Is.EqualTo(id.ToString()));
        Assert.That(succeeded["actorName"]!.GetValue<string>(), Is.EqualTo(Email));
        Assert.That(succeeded["targetId"]!.GetValue<string>(), Is.EqualTo(id.ToString()));
        var failed = (await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/audit?action=login.failed")))["items"]!.AsArray().Single()!;
        Assert.That(failed["actorId"], Is.Null);
        Assert.That(failed["targetId"]!.GetValue<string>(), Is.EqualTo(id.ToString()));
        Assert.That(failed["details"]!.GetValue<string>(), Is.EqualTo("wrong password"));
    }

    [Test]
    public async Task Login_after_a_failure_resets_the_count_of_failures()
    {
        using var admin = Admin();
        var id = await UserBuilder.CreateAsync(admin, Email, Roles.Author);
        using var anonymous = Anonymous();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, Email, "Sai-Mat-Khau-2024!"), 401);
        }

        Assert.That((await UserBuilder.LoginAsync(anonymous, Email, UserBuilder.Password)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, Email, "Sai-Mat-Khau-2024!"), 401);

        Assert.That((await UserBuilder.LoginAsync(anonymous, Email, UserBuilder.Password)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var stored = await QueryAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.That(stored.LockoutEnd, Is.Null);
        Assert.That(stored.AccessFailedCount, Is.Zero);
    }

    [Test]
    public async Task Login_without_email_or_password_returns_validation_problem_and_records_nothing()
    {
        using var admin = Admin();
        await UserBuilder.CreateAsync(admin, Email, Roles.Author);
        using var anonymous = Anonymous();

        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = " ", password = "" });

        await AssertValidationProblemAsync(response, "email", "password");
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("login."))), Is.Zero);
    }

    [Test]
    public async Task Login_attempts_over_the_per_address_limit_get_a_429_problem_and_are_not_checked()
    {
        using var admin = Admin();
        await UserBuilder.CreateAsync(admin, Email, Roles.Author);
        await using var limited = Factory.WithWebHostBuilder(builder => builder.UseSetting("Accounts:LoginAttemptsPerMinutePerIp", "3"));
        using var client = limited.CreateClient();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await AssertProblemAsync(await UserBuilder.LoginAsync(client, $"khach{attempt}@khoagiao.test", UserBuilder.Password), 401);
        }

        var refused = await AssertProblemAsync(await UserBuilder.LoginAsync(client, Email, UserBuilder.Password), 429);

        Assert.That(refused["title"]!.GetValue<string>(), Is.EqualTo("Quá nhiều yêu cầu"));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "login.failed")), Is.EqualTo(3));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "login.succeeded")), Is.Zero);
    }

    [Test]
    public async Task Login_attempts_over_the_per_account_limit_get_a_429_problem_while_other_accounts_still_sign_in()
    {
        using var admin = Admin();
        var id = await UserBuilder.CreateAsync(admin, Email, Roles.Author);
        var other = await UserBuilder.CreateAsync(admin, "phongvien@khoagiao.test", Roles.Author);
        await using var limited = Factory.WithWebHostBuilder(builder => builder.UseSetting("Accounts:LoginAttemptsPerMinutePerAccount", "2"));
        using var client = limited.CreateClient();

        await AssertProblemAsync(await UserBuilder.LoginAsync(client, Email, "Sai-Mat-Khau-2024!"), 401);
        Assert.That((await UserBuilder.LoginAsync(client, Email, UserBuilder.Password)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var refused = await AssertProblemAsync(await UserBuilder.LoginAsync(client, Email, UserBuilder.Password), 429);
        await AssertProblemAsync(await UserBuilder.LoginAsync(client, " BIENTAP@khoagiao.test", UserBuilder.Password), 429);

        Assert.That(refused["title"]!.GetValue<string>(), Is.EqualTo("Quá nhiều yêu cầu"));
        Assert.That((await UserBuilder.LoginAsync(client, "phongvien@khoagiao.test", UserBuilder.Password)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await UserBuilder.LoginAsync(client, "phongvien@khoagiao.test", "Sai-Mat-Khau-2024!"), 401);
        var recorded = await QueryAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("login.") && e.TargetId == id.ToString())
            .OrderBy(e => e.At).Select(e => e.Action).ToListAsync());
        Assert.That(recorded, Is.EqualTo(new[] { "login.failed", "login.succeeded" }));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("login.") && e.TargetId == other.ToString())), Is.EqualTo(2));
    }
}
