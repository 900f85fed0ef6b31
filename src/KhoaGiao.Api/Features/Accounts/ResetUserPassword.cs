using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>Body of <c>POST /api/v1/admin/users/{id}/reset-password</c>.</summary>
public sealed record ResetUserPasswordRequest
{
    /// <summary>The new password, under the same rules as at creation.</summary>
    /// <example>Mat-Khau-Moi-2024!</example>
    public string? NewPassword { get; init; }
}

public sealed class ResetUserPasswordRequestValidator : AbstractValidator<ResetUserPasswordRequest>
{
    public ResetUserPasswordRequestValidator() => RuleFor(r => r.NewPassword).NotEmpty().MaximumLength(256);
}

public static class ResetUserPassword
{
    /// <summary>Sets a new password, unlocks the account and ends its sessions.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, ResetUserPasswordRequest request, KhoaGiaoDbContext db, UserManager<EditorUser> users, AuditLog audit,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await users.UserForWriteAsync(db, id, cancellationToken) is not { } user)
        {
            return UserProblems.NotFound(id);
        }

        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, request.NewPassword);
            if (!valid.Succeeded)
            {
                return UserProblems.Refused("newPassword", valid);
            }
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, request.NewPassword!);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync("user.passwordReset", "user", user.Id, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
