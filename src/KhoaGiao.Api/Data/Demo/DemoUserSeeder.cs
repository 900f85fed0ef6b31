using KhoaGiao.Api.Features.Accounts;
using KhoaGiao.Api.Security;
using Microsoft.AspNetCore.Identity;

namespace KhoaGiao.Api.Data.Demo;

/// <summary>
/// One development account per role, with passwords written in the README. Development only: the run command's
/// demo data, never a deployment's.
/// </summary>
public sealed class DemoUserSeeder(UserManager<EditorUser> users, TimeProvider clock, ILogger<DemoUserSeeder> logger)
{
    public static readonly IReadOnlyList<(string Email, string DisplayName, string Password, string Role)> Accounts =
    [
        ("admin@khoagiao.local", "Quản trị viên", "KhoaGiao-Admin-2024!", Roles.Admin),
        ("editor@khoagiao.local", "Biên tập viên", "KhoaGiao-Editor-2024!", Roles.Editor),
        ("author@khoagiao.local", "Phóng viên", "KhoaGiao-Author-2024!", Roles.Author),
    ];

    public async Task SeedAsync()
    {
        foreach (var (email, displayName, password, role) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new EditorUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                logger.LogWarning("Could not create the demo account {Email}: {Errors}", email, string.Join("; ", created.Errors.Select(e => e.Description)));
                continue;
            }

            await users.AddToRoleAsync(user, role);
        }
    }
}
