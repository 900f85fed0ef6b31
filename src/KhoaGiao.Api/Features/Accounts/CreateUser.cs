using KhoaGiao.Api.Http;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>Body of <c>POST /api/v1/admin/users</c>.</summary>
public sealed record CreateUserRequest
{
    /// <summary>Sign-in e-mail, unique.</summary>
    /// <example>bientap@khoagiao.hanam.gov.vn</example>
    public string? Email { get; init; }

    /// <example>Trần Thị Bình</example>
    public string? DisplayName { get; init; }

    /// <summary>At least 10 characters with upper and lower case letters, a digit and a symbol.</summary>
    /// <example>Bien-Tap-2024!</example>
    public string? Password { get; init; }

    /// <summary><c>admin</c>, <c>editor</c> and/or <c>author</c>.</summary>
    /// <example>["editor"]</example>
    [OpenApi.ValuesFrom(typeof(Security.Roles), nameof(Security.Roles.All))]
    public IReadOnlyList<string>? Roles { get; init; }
}

public sealed class CreateUserRequestValidator : AbstractValidator<CreateUserRequest>
{
    public CreateUserRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(EditorUserConfiguration.DisplayNameMaxLength);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(256);
        RuleFor(r => r.Roles).NotEmpty().MostItems(Security.Roles.All.Count);
        RuleForEach(r => r.Roles).Must(role => Security.Roles.All.Contains(role))
            .WithMessage((_, role) => Localized.Text(
                $"Vai trò '{Text.Echo.Shown(role)}' không tồn tại; chọn trong: {string.Join(", ", Security.Roles.All)}.",
                $"Unknown role '{Text.Echo.Shown(role)}'; choose from: {string.Join(", ", Security.Roles.All)}."));
    }
}

public static class CreateUser
{
    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> HandleAsync(
        CreateUserRequest request, KhoaGiaoDbContext db, UserManager<EditorUser> users, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var email = request.Email!.Trim();
        var user = new EditorUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = VietnameseText.Nfc(request.DisplayName!.Trim()),
            CreatedAt = clock.GetUtcNow(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            var field = created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "email";
            return UserProblems.Refused(field, created);
        }

        await users.AddToRolesAsync(user, request.Roles!.Distinct());
        await audit.RecordAsync("user.created", "user", user.Id, $"email={email}; roles={string.Join(",", request.Roles!.Distinct())}", cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var response = await UserQueries.Responses(db, clock.GetUtcNow()).SingleAsync(u => u.Id == user.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/users/{user.Id}", response);
    }
}
