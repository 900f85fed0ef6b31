using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.Features.Accounts.AccountTestSupport;

namespace KhoaGiao.Api.Tests.Features.Accounts;

public sealed class UserAdminTests : ApiTest
{
    private const string Email = "bientap@khoagiao.test";

    private static object UserRequest(string email = Email, string password = UserBuilder.Password, params string[] roles) =>
        new { email, displayName = "Trần Thị Bình", password, roles = roles.Length == 0 ? [Roles.Editor] : roles };

    [Test]
    public async Task CreateUser_returns_201_with_the_roles_and_stores_only_a_password_hash()
    {
        using var admin = Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", UserRequest(roles: [Roles.Editor, Roles.Author]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = await ReadJsonAsync(response);
        var id = created["id"]!.GetValue<Guid>();
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/admin/users/{id}"));
        Assert.That(created["email"]!.GetValue<string>(), Is.EqualTo(Email));
        Assert.That(created["displayName"]!.GetValue<string>(), Is.EqualTo("Trần Thị Bình"));
        Assert.That(created["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { Roles.Author, Roles.Editor }));
        Assert.That(created["disabledAt"], Is.Null);
        Assert.That(created["lockedOutUntil"], Is.Null);
        var stored = await QueryAsync(db => db.Users.SingleAsync());
        Assert.That(stored.Id, Is.EqualTo(id));
        Assert.That(stored.PasswordHash, Is.Not.Null.And.Not.Contain(UserBuilder.Password));
        var fetched = await ReadJsonAsync(await admin.GetAsync(response.Headers.Location));
        Assert.That(fetched.ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [Test]
    public async Task CreateUser_with_a_weak_password_returns_validation_problem_in_vietnamese_and_stores_nothing()
    {
        using var admin = Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", UserRequest(password: "matkhau"));

        var problem = await AssertValidationProblemAsync(response, "password");
        Assert.That(problem["errors"]!["password"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EquivalentTo(new[]
        {
            "Mật khẩu phải có ít nhất 10 ký tự.",
            "Mật khẩu phải có ít nhất một ký tự đặc biệt.",
            "Mật khẩu phải có ít nhất một chữ số.",
            "Mật khẩu phải có ít nhất một chữ hoa.",
        }));
        Assert.That(await QueryAsync(db => db.Users.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateUser_with_a_weak_password_answers_in_english_when_asked()
    {
        using var admin = Admin();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", UserRequest(password: "Ngan-1!"));

        var problem = await AssertValidationProblemAsync(response, "password");
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("One or more validation errors occurred."));
        Assert.That(problem["errors"]!["password"]!.AsArray().Select(e => e!.GetValue<string>()),
            Is.EqualTo(new[] { "Passwords must be at least 10 characters." }));
        Assert.That(await QueryAsync(db => db.Users.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateUser_with_an_email_already_used_in_any_case_returns_validation_problem_and_stores_nothing()
    {
        using var admin = Admin();
        var first = await UserBuilder.CreateAsync(admin, Email, Roles.Editor);

        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", UserRequest(email: "BienTap@KhoaGiao.test", roles: [Roles.Admin]));

        var problem = await AssertValidationProblemAsync(response, "email");
        Assert.That(problem["errors"]!["email"]!.AsArray().Select(e => e!.GetValue<string>()),
            Does.Contain("Email 'BienTap@KhoaGiao.test' đã được dùng."));
        Assert.That(await QueryAsync(db => db.Users.Select(u => u.Id).ToListAsync()), Is.EqualTo(new[] { first }));
        Assert.That(await QueryAsync(db => db.UserRoles.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "user.created")), Is.EqualTo(1));
    }

    [Test]
    public async Task CreateUser_with_an_unknown_role_returns_validation_problem_and_stores_nothing()
    {
        using var admin = Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", UserRequest(roles: ["chief"]));

        var problem = await AssertValidationProblemAsync(response, "roles[0]");
        Assert.That(problem["errors"]!["roles[0]"]![0]!.GetValue<string>(), Does.Contain("chief"));
        Assert.That(await QueryAsync(db => db.Users.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateUser_without_email_name_password_or_roles_returns_validation_problem_and_stores_nothing()
    {
        using var admin = Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", new { email = "khong-phai-email", roles = Array.Empty<string>() });

        await AssertValidationProblemAsync(response, "email", "displayName", "password", "roles");
        Assert.That(await QueryAsync(db => db.Users.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateUser_accepts_an_email_with_Vietnamese_letters_and_that_user_signs_in()
    {
        using var admin = Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", UserRequest(email: "nguyễn.an@khoagiao.test"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await QueryAsync(db => db.Users.Select(u => u.Email).SingleAsync()), Is.EqualTo("nguyễn.an@khoagiao.test"));
        using var client = Anonymous();
        Assert.That((await UserBuilder.LoginAsync(client, "nguyễn.an@khoagiao.test", UserBuilder.Password)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ListUsers_lists_every_account_by_email_with_roles_and_state()
    {
        using var admin = Admin();
        var binh = await UserBuilder.CreateAsync(admin, "binh@khoagiao.test", Roles.Editor, Roles.Admin);
        var an = await UserBuilder.CreateAsync(admin, "an@khoagiao.test", Roles.Author);
        Assert.That((await admin.PostAsync($"/api/v1/admin/users/{an}/disable", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var list = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/users"));

        var items = list["items"]!.AsArray();
        Assert.That(items.Select(i => i!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { an, binh }));
        Assert.That(items[1]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { Roles.Admin, Roles.Editor }));
        Assert.That(items[0]!["disabledAt"], Is.Not.Null);
        Assert.That(items[1]!["disabledAt"], Is.Null);
        Assert.That(list["nextCursor"], Is.Null);
    }

    [Test]
    public async Task GetUser_for_an_unknown_id_returns_404_problem()
    {
        using var admin = Admin();
        await AssertProblemAsync(await admin.GetAsync($"/api/v1/admin/users/{Guid.NewGuid()}"), 404);
    }

    [Test]
    public async Task SetUserRoles_replaces_the_roles_and_records_the_change()
    {
        using var admin = Admin();
        var id = await UserBuilder.CreateAsync(admin, Email, Roles.Author, Roles.Editor);

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { Roles.Admin, Roles.Admin } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(response))["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { Roles.Admin }));
        var stored = await QueryAsync(db => db.UserRoles.Where(r => r.UserId == id)
            .Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        Assert.That(stored, Is.EqualTo(new[] { Roles.Admin }));
        var change = await QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "user.rolesChanged"));
        Assert.That(change.TargetId, Is.EqualTo(id.ToString()));
        Assert.That(change.Details, Is.EqualTo("from=author,editor; to=admin"));
    }

    [Test]
    public async Task SetUserRoles_with_an_unknown_role_returns_validation_problem_and_keeps_the_roles()
    {
        using var admin = Admin();
        var id = await UserBuilder.CreateAsync(admin, Email, Roles.Author);

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { Roles.Editor, "Admin" } });

        await AssertValidationProblemAsync(response, "roles[1]");
        var stored = await QueryAsync(db => db.UserRoles.Where(r => r.UserId == id)
            .Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        Assert.That(stored, Is.EqualTo(new[] { Roles.Author }));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "user.rolesChanged")), Is.Zero);
    }

    [Test]
    public async Task SetUserRoles_without_roles_returns_validation_problem_and_keeps_the_roles()
    {
        using var admin = Admin();
        var id = await UserBuilder.CreateAsync(admin, Email, Roles.Author);

        await AssertValidationProblemAsync(await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { }), "roles");

        Assert.That(await QueryAsync(db => db.UserRoles.CountAsync(r => r.UserId == id)), Is.EqualTo(1));
    }

    [Test]
    public async Task User_actions_on_an_unknown_id_return_404_problem_and_record_nothing()
    {
        using var admin = Admin();
        var id = Guid.NewGuid();

        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { Roles.Editor } }), 404);
        await AssertProblemAsync(await admin.PostAsync($"/api/v1/admin/users/{id}/disable", null), 404);
        await AssertProblemAsync(await admin.PostAsync($"/api/v1/admin/users/{id}/enable", null), 404);
        await AssertProblemAsync(await admin.PostAsJsonAsync($"/api/v1/admin/users/{id}/reset-password", new { newPassword = "Mat-Khau-Moi-2024!" }), 404);

        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task ResetUserPassword_replaces_the_password_unlocks_the_account_and_ends_its_sessions()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        using var anonymous = Anonymous();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, user.Email, "Sai-Mat-Khau-2024!"), 401);
        }

        Assert.That(await QueryAsync(db => db.Users.Where(u => u.Id == user.UserId).Select(u => u.LockoutEnd).SingleAsync()), Is.Not.Null);

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/users/{user.UserId}/reset-password", new { newPassword = "Mat-Khau-Moi-2024!" });

        // Every check runs even when one fails: each is a separate promise of revocation.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            await AssertProblemAsync(await user.Client.GetAsync("/api/v1/auth/me"), 401);
            await AssertProblemAsync(await RefreshAsync(Factory, user.RefreshToken), 401);
            await AssertProblemAsync(await UserBuilder.LoginAsync(anonymous, user.Email, UserBuilder.Password), 401);
            var stored = await QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.UserId));
            Assert.That(stored.LockoutEnd, Is.Null);
            Assert.That(stored.AccessFailedCount, Is.EqualTo(1), "only the failed sign-in with the old password after the reset");
            var (accessToken, _) = await SignInAsync(Factory, user.Email, "Mat-Khau-Moi-2024!");
            using var again = WithBearer(Factory, accessToken);
            Assert.That((await again.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "user.passwordReset" && e.TargetId == user.UserId.ToString())),
                Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ResetUserPassword_with_a_weak_password_returns_validation_problem_and_changes_nothing()
    {
        using var admin = Admin();
        using var user = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        var before = await QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.UserId));

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/users/{user.UserId}/reset-password", new { newPassword = "matkhaumoi" });

        var problem = await AssertValidationProblemAsync(response, "newPassword");
        Assert.That(problem["errors"]!["newPassword"]!.AsArray().Select(e => e!.GetValue<string>()), Does.Contain("Mật khẩu phải có ít nhất một chữ số."));
        var after = await QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.UserId));
        Assert.That(after.PasswordHash, Is.EqualTo(before.PasswordHash));
        Assert.That(after.SecurityStamp, Is.EqualTo(before.SecurityStamp));
        Assert.That((await user.Client.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "user.passwordReset")), Is.Zero);
    }

    [Test]
    public async Task User_routes_refuse_a_signed_in_editor_with_403_and_change_nothing()
    {
        using var admin = Admin();
        var target = await UserBuilder.CreateAsync(admin, Email, Roles.Author);
        using var editor = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);

        await AssertRefusedAsync(editor.Client, target, 403);
    }

    [TestCase(Scopes.ContentRead)]
    [TestCase(Scopes.ContentWrite)]
    [TestCase(Scopes.ContentPublish)]
    public async Task User_routes_refuse_a_content_key_with_403_and_change_nothing(string scope)
    {
        using var admin = Admin();
        var target = await UserBuilder.CreateAsync(admin, Email, Roles.Author);
        using var key = await WithScopesAsync(scope);

        await AssertRefusedAsync(key, target, 403);
    }

    [Test]
    public async Task User_routes_refuse_anonymous_callers_with_401_and_change_nothing()
    {
        using var admin = Admin();
        var target = await UserBuilder.CreateAsync(admin, Email, Roles.Author);
        using var anonymous = Anonymous();

        await AssertRefusedAsync(anonymous, target, 401);
    }

    [Test]
    public async Task Audit_log_lists_account_and_key_changes_newest_first_with_who_did_them()
    {
        using var admin = Admin();
        var id = await UserBuilder.CreateAsync(admin, Email, Roles.Author);
        Assert.That((await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { Roles.Editor } })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.PostAsync($"/api/v1/admin/users/{id}/disable", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.PostAsJsonAsync($"/api/v1/admin/users/{id}/reset-password", new { newPassword = "Mat-Khau-Moi-2024!" })).StatusCode,
            Is.EqualTo(HttpStatusCode.NoContent));
        var key = await ReadJsonAsync(await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Đồng bộ", scopes = new[] { Scopes.ContentRead } }));
        Assert.That((await admin.DeleteAsync($"/api/v1/admin/api-keys/{key["id"]}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var response = await admin.GetAsync("/api/v1/admin/audit");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var items = (await ReadJsonAsync(response))["items"]!.AsArray();
        Assert.That(items.Select(i => i!["action"]!.GetValue<string>()), Is.EqualTo(new[]
        {
            "apiKey.revoked", "apiKey.created", "user.passwordReset", "user.disabled", "user.rolesChanged", "user.created",
        }));
        Assert.That(items.Select(i => i!["actorName"]!.GetValue<string>()), Has.All.EqualTo("Bootstrap admin key"));
        Assert.That(items.Take(2).Select(i => i!["targetId"]!.GetValue<string>()), Has.All.EqualTo(key["id"]!.GetValue<string>()));
        Assert.That(items.Skip(2).Select(i => i!["targetId"]!.GetValue<string>()), Has.All.EqualTo(id.ToString()));
        Assert.That(items[5]!["details"]!.GetValue<string>(), Is.EqualTo($"email={Email}; roles=author"));

        var disabled = (await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/audit?action=user.disabled")))["items"]!.AsArray();
        Assert.That(disabled.Select(i => i!["action"]!.GetValue<string>()), Is.EqualTo(new[] { "user.disabled" }));
    }

    [Test]
    public async Task Audit_log_pages_with_the_cursor()
    {
        using var admin = Admin();
        for (var i = 0; i < 3; i++)
        {
            await UserBuilder.CreateAsync(admin, $"nguoi{i}@khoagiao.test", Roles.Author);
        }

        var first = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/audit?limit=2"));
        var second = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/audit?limit=2&cursor={Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>())}"));

        var details = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => i!["details"]!.GetValue<string>());
        Assert.That(details, Is.EqualTo(new[] { 2, 1, 0 }.Select(i => $"email=nguoi{i}@khoagiao.test; roles=author")));
        Assert.That(second["nextCursor"], Is.Null);
    }

    [Test]
    public async Task Audit_log_refuses_a_signed_in_editor_and_content_keys_with_403_and_anonymous_callers_with_401()
    {
        using var admin = Admin();
        using var editor = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        using var publisher = await WithScopesAsync(Scopes.ContentPublish, Scopes.ContentRead, Scopes.ContentWrite);
        using var anonymous = Anonymous();

        await AssertProblemAsync(await editor.Client.GetAsync("/api/v1/admin/audit"), 403);
        await AssertProblemAsync(await publisher.GetAsync("/api/v1/admin/audit"), 403);
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/admin/audit"), 401);
    }

    [Test]
    public async Task Audit_log_with_a_limit_out_of_range_returns_validation_problem()
    {
        using var admin = Admin();
        await AssertValidationProblemAsync(await admin.GetAsync("/api/v1/admin/audit?limit=0"), "limit");
    }

    /// <summary>Tries every user route as <paramref name="client"/> and checks that none ran.</summary>
    private static async Task AssertRefusedAsync(HttpClient client, Guid target, int status)
    {
        var before = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target));
        var auditBefore = await QueryAsync(db => db.AuditEntries.CountAsync());
        var userCount = await QueryAsync(db => db.Users.CountAsync());

        await AssertProblemAsync(await client.GetAsync("/api/v1/admin/users"), status);
        await AssertProblemAsync(await client.GetAsync($"/api/v1/admin/users/{target}"), status);
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/admin/users", UserRequest(email: "moi@khoagiao.test", roles: [Roles.Admin])), status);
        await AssertProblemAsync(await client.PutAsJsonAsync($"/api/v1/admin/users/{target}/roles", new { roles = new[] { Roles.Admin } }), status);
        await AssertProblemAsync(await client.PostAsync($"/api/v1/admin/users/{target}/disable", null), status);
        await AssertProblemAsync(await client.PostAsJsonAsync($"/api/v1/admin/users/{target}/reset-password", new { newPassword = "Mat-Khau-Moi-2024!" }), status);

        var after = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target));
        Assert.That(await QueryAsync(db => db.Users.CountAsync()), Is.EqualTo(userCount));
        Assert.That(after.DisabledAt, Is.Null);
        Assert.That(after.PasswordHash, Is.EqualTo(before.PasswordHash));
        Assert.That(after.SecurityStamp, Is.EqualTo(before.SecurityStamp));
        Assert.That(await QueryAsync(db => db.UserRoles.CountAsync(r => r.UserId == target)), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync()), Is.EqualTo(auditBefore));
    }
}
