using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>Disables and re-enables accounts.</summary>
public static class SetUserDisabled
{
    /// <summary>The account can no longer sign in, and its tokens stop working at once.</summary>
    public static Task<Results<Ok<UserResponse>, ProblemHttpResult>> DisableAsync(
        Guid id, KhoaGiaoDbContext db, UserManager<EditorUser> users, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        SetAsync(id, disabled: true, db, users, audit, clock, cancellationToken);

    public static Task<Results<Ok<UserResponse>, ProblemHttpResult>> EnableAsync(
        Guid id, KhoaGiaoDbContext db, UserManager<EditorUser> users, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        SetAsync(id, disabled: false, db, users, audit, clock, cancellationToken);

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetAsync(
        Guid id, bool disabled, KhoaGiaoDbContext db, UserManager<EditorUser> users, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await users.UserForWriteAsync(db, id, cancellationToken) is not { } user)
        {
            return UserProblems.NotFound(id);
        }

        user.DisabledAt = disabled ? user.DisabledAt ?? clock.GetUtcNow() : null;
        await users.UpdateAsync(user);
        if (disabled)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await audit.RecordAsync(disabled ? "user.disabled" : "user.enabled", "user", user.Id, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await UserQueries.Responses(db, clock.GetUtcNow()).SingleAsync(u => u.Id == id, cancellationToken));
    }
}
