using System.Security.Claims;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Security;
using Microsoft.AspNetCore.Identity;

namespace KhoaGiao.Api.Features.Accounts;

public static class Logout
{
    /// <summary>
    /// Ends every session of the signed-in user: the security stamp changes, so their access and refresh tokens
    /// stop working at once.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, KhoaGiaoDbContext db, UserManager<EditorUser> users, AuditLog audit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (principal.Identity?.AuthenticationType != StaffTokenAuthenticationHandler.SchemeName
            || !Guid.TryParse(users.GetUserId(principal), out var id)
            || await users.UserForWriteAsync(db, id, cancellationToken) is not { } user)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                detail: Text.Localized.Text("Chỉ người dùng đăng nhập mới đăng xuất được; khóa API thì thu hồi.",
                    "Only signed-in users sign out; revoke an API key instead."));
        }

        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync("logout", "user", user.Id, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
