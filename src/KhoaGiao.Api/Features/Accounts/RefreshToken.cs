using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>Body of <c>POST /api/v1/auth/refresh</c>.</summary>
public sealed record RefreshTokenRequest
{
    /// <summary>The refresh token from the sign-in (or the last refresh).</summary>
    public string? RefreshToken { get; init; }
}

public sealed class RefreshTokenRequestValidator : AbstractValidator<RefreshTokenRequest>
{
    public RefreshTokenRequestValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(4096);
}

public static class RefreshToken
{
    /// <summary>New tokens for a refresh token that is unexpired and whose user has not signed out since.</summary>
    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> HandleAsync(
        RefreshTokenRequest request,
        SignInManager<EditorUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer,
        TimeProvider clock)
    {
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { DisabledAt: null } user)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: Text.Localized.Text("Phiên đăng nhập đã hết hạn", "Session expired"),
                detail: Text.Localized.Text("Hãy đăng nhập lại.", "Sign in again."));
        }

        ClaimsPrincipal principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
