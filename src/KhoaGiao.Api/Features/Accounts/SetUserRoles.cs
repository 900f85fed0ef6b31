using KhoaGiao.Api.Http;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>Body of <c>PUT /api/v1/admin/users/{id}/roles</c>: the whole set of roles.</summary>
public sealed record SetUserRolesRequest
{
    /// <example>["editor", "author"]</example>
    [OpenApi.ValuesFrom(typeof(Security.Roles), nameof(Security.Roles.All))]
    public IReadOnlyList<string>? Roles { get; init; }
}

public sealed class SetUserRolesRequestValidator : AbstractValidator<SetUserRolesRequest>
{
    public SetUserRolesRequestValidator()
    {
        RuleFor(r => r.Roles).NotNull().MostItems(Security.Roles.All.Count);
        RuleForEach(r => r.Roles).Must(role => Security.Roles.All.Contains(role))
            .WithMessage((_, role) => Localized.Text(
                $"Vai trò '{Text.Echo.Shown(role)}' không tồn tại; chọn trong: {string.Join(", ", Security.Roles.All)}.",
                $"Unknown role '{Text.Echo.Shown(role)}'; choose from: {string.Join(", ", Security.Roles.All)}."));
    }
}

public static class SetUserRoles
{
    /// <summary>Replaces the user's roles; they apply to the user's next request, token or not.</summary>
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, SetUserRolesRequest request, KhoaGiaoDbContext db, UserManager<EditorUser> users, AuditLog audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await users.UserForWriteAsync(db, id, cancellationToken) is not { } user)
        {
            return UserProblems.NotFound(id);
        }

        var wanted = request.Roles!.Distinct().ToList();
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        await audit.RecordAsync("user.rolesChanged", "user", user.Id,
            $"from={string.Join(",", current.Order())}; to={string.Join(",", wanted.Order())}", cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await UserQueries.Responses(db, clock.GetUtcNow()).SingleAsync(u => u.Id == id, cancellationToken));
    }
}
