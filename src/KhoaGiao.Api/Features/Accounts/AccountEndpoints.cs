using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace KhoaGiao.Api.Features.Accounts;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Sign-in")
            .RequireCors(HttpServices.ManagementCorsPolicy)
            .AddEndpointFilterFactory(ValidationFilter.Create);
        auth.MapPost("/login", Login.HandleAsync).WithName(nameof(Login))
            .WithSummary("Sign in (\"Đăng nhập\")")
            .WithDescription("E-mail and password for a bearer token (send as `Authorization: Bearer <accessToken>`) and a refresh token. Every failure is the same 401; repeated failures lock the account for a while; attempts are limited per IP address and per account (429).")
            .AllowAnonymous()
            .RequireRateLimiting(SecurityServices.LoginRateLimitPolicy)
            .Produces<AccessTokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", RefreshToken.HandleAsync).WithName(nameof(RefreshToken))
            .WithSummary("Refresh the tokens")
            .WithDescription("A new access token and refresh token for a valid refresh token; 401 after sign-out, password reset or disabling. Counts against the sign-in attempts of the IP address (429).")
            .AllowAnonymous()
            .RequireRateLimiting(SecurityServices.LoginRateLimitPolicy)
            .Produces<AccessTokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/logout", Logout.HandleAsync).WithName(nameof(Logout))
            .WithSummary("Sign out everywhere")
            .WithDescription("Revokes every access and refresh token of the signed-in user. Counts against the caller's management requests (429).")
            .RequireAuthorization()
            .RequireRateLimiting(HttpServices.ManagementRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapGet("/me", GetCurrentIdentity.Handle).WithName(nameof(GetCurrentIdentity))
            .WithSummary("Who am I")
            .WithDescription("The signed-in user or API key, with the scopes granted. Counts against the caller's management requests (429).")
            .RequireAuthorization()
            .RequireRateLimiting(HttpServices.ManagementRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var users = app.MapManagementGroup("/api/v1/admin/users", "Users (management)");
        users.RequireAuthorization(Scopes.Admin);
        users.MapGet("/", ListUsers.HandleAsync).WithName(nameof(ListUsers))
            .WithSummary("List accounts")
            .WithDescription("Every staff account with its roles and state, by e-mail, 100 to a page by default. Needs `admin`.")
            .ProducesValidationProblem();
        users.MapGet("/{id:guid}", GetUser.HandleAsync).WithName(nameof(GetUser))
            .WithSummary("Get an account")
            .WithDescription("Needs `admin`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/", CreateUser.HandleAsync).WithName(nameof(CreateUser))
            .WithSummary("Create an account")
            .WithDescription("With a password under the password rules and one or more roles. Needs `admin`.")
            .ProducesValidationProblem();
        users.MapPut("/{id:guid}/roles", SetUserRoles.HandleAsync).WithName(nameof(SetUserRoles))
            .WithSummary("Set an account's roles")
            .WithDescription("Replaces the roles; they apply from the user's next request. Needs `admin`.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id:guid}/disable", SetUserDisabled.DisableAsync).WithName("DisableUser")
            .WithSummary("Disable an account")
            .WithDescription("The user can no longer sign in and their tokens stop working. Needs `admin`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id:guid}/enable", SetUserDisabled.EnableAsync).WithName("EnableUser")
            .WithSummary("Enable an account")
            .WithDescription("Needs `admin`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id:guid}/reset-password", ResetUserPassword.HandleAsync).WithName(nameof(ResetUserPassword))
            .WithSummary("Reset an account's password")
            .WithDescription("Sets a new password, unlocks the account and ends its sessions. Needs `admin`.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
