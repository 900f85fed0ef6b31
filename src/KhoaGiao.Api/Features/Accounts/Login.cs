using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.Identity;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>Body of <c>POST /api/v1/auth/login</c> ("Đăng nhập").</summary>
public sealed record LoginRequest
{
    /// <summary>The account's e-mail; the example is the demo content's editor.</summary>
    /// <example>editor@khoagiao.local</example>
    public string? Email { get; init; }

    /// <summary>Its password; the example is the demo editor's.</summary>
    /// <example>KhoaGiao-Editor-2024!</example>
    public string? Password { get; init; }
}

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(256);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(256);
    }
}

public static class Login
{
    // Verified against when the account does not exist, so a wrong e-mail costs as long as a wrong password.
    private static readonly EditorUser Nobody = new();
    private static readonly string NobodyHash = new PasswordHasher<EditorUser>().HashPassword(Nobody, Guid.NewGuid().ToString());

    /// <summary>
    /// Checks the password (with lockout) and answers a bearer token and a refresh token. Every failure, unknown
    /// account, wrong password, locked or disabled account, gets the same 401, so the answer reveals nothing.
    /// </summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> HandleAsync(
        LoginRequest request,
        KhoaGiaoDbContext db,
        UserManager<EditorUser> users,
        SignInManager<EditorUser> signIn,
        LoginAttempts attempts,
        AuditLog audit,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var email = request.Email!.Trim();
        if (!attempts.TryAcquire(email, out var retryAfter))
        {
            RetryAfter.Set(response, retryAfter);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests);
        }

        // A failure counts towards lockout and a success resets the count: both write the account, so sign-ins to one
        // account queue behind its row lock (see UserLoading).
        EditorUser? user;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            user = await CheckPasswordAsync(email, request.Password!, db, users, signIn, audit, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (user is null)
        {
            return Failed();
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Empty;
    }

    /// <summary>The account when the password is right and the account may sign in; null otherwise. Audits either way.</summary>
    private static async Task<EditorUser?> CheckPasswordAsync(
        string email,
        string password,
        KhoaGiaoDbContext db,
        UserManager<EditorUser> users,
        SignInManager<EditorUser> signIn,
        AuditLog audit,
        CancellationToken cancellationToken)
    {
        var user = await users.UserByEmailForWriteAsync(db, email, cancellationToken);
        if (user is null || user.DisabledAt is not null)
        {
            users.PasswordHasher.VerifyHashedPassword(Nobody, NobodyHash, password);
            await audit.RecordAsync("login.failed", "user", user?.Id, $"email={email}", cancellationToken: cancellationToken);
            return null;
        }

        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without hashing; hash anyway so the time gives nothing away.
            users.PasswordHasher.VerifyHashedPassword(Nobody, NobodyHash, password);
            await audit.RecordAsync("login.failed", "user", user.Id, "locked out", cancellationToken: cancellationToken);
            return null;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            await audit.RecordAsync("login.failed", "user", user.Id, result.IsLockedOut ? "locked out" : "wrong password", cancellationToken: cancellationToken);
            return null;
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        await audit.RecordAsync("login.succeeded", "user", user.Id, actor: principal, cancellationToken: cancellationToken);
        return user;
    }

    private static ProblemHttpResult Failed() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: Localized.Text("Đăng nhập không thành công", "Sign-in failed"),
        detail: Localized.Text(
            "Email hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa.",
            "The e-mail or password is wrong, or the account is temporarily locked."));
}
