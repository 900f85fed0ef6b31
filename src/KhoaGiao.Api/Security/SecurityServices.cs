using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace KhoaGiao.Api.Security;

public static class SecurityServices
{
    /// <summary>Picks the scheme by the <c>Authorization</c> header: <c>ApiKey …</c> or <c>Bearer …</c>.</summary>
    public const string DefaultScheme = "ApiKeyOrBearer";

    public const string LoginRateLimitPolicy = "login";

    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static WebApplicationBuilder AddKhoaGiaoSecurity(this WebApplicationBuilder builder)
    {
        builder.AddSettings<SecurityOptions>();
        builder.AddSettings<AccountsOptions>();
        var accounts = builder.Settings<AccountsOptions>();

        builder.Services.AddIdentityCore<EditorUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;

                // The user name is the e-mail, already validated as one; Identity's narrower character set would
                // refuse addresses with Vietnamese letters.
                identity.User.AllowedUserNameCharacters = "";
                identity.Password.RequiredLength = accounts.MinimumPasswordLength;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedAccessAttempts;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<KhoaGiaoDbContext>()
            .AddSignInManager()
            .AddErrorDescriber<LocalizedIdentityErrors>();

        builder.Services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "API key or bearer token", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? StaffTokenAuthenticationHandler.SchemeName
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, StaffTokenAuthenticationHandler>(StaffTokenAuthenticationHandler.SchemeName, null)
            .AddBearerToken(IdentityConstants.BearerScheme, bearer =>
            {
                bearer.BearerTokenExpiration = TimeSpan.FromMinutes(accounts.AccessTokenMinutes);
                bearer.RefreshTokenExpiration = TimeSpan.FromDays(accounts.RefreshTokenDays);
            });
        builder.Services.AddSingleton<LoginAttempts>();
        builder.Services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(LoginRateLimitPolicy, context =>
            context.RequestServices.GetRequiredService<Http.RateLimitWindows>().Partition(
                context, "login:ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), accounts.LoginAttemptsPerMinutePerIp)));

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in Scopes.All)
        {
            // The admin scope satisfies every policy.
            authorization.AddPolicy(scope, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(scope)));
        }

        return builder;
    }

    /// <summary>
    /// Authentication for requests that carry credentials. Both schemes read only the <c>Authorization</c> header, so a
    /// request without one is anonymous whatever runs; skipping the middleware then saves the per-request handler
    /// set-up (scoped services, a pooled database context) on the anonymous delivery routes and the hit beacon.
    /// Endpoints that require a user still challenge through the default scheme (401).
    /// </summary>
    public static WebApplication UseKhoaGiaoAuthentication(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Headers.ContainsKey(HeaderNames.Authorization), branch => branch.UseAuthentication());

        // WebApplication adds UseAuthentication() at the start of the pipeline unless the app has called it, which it
        // records under this key; the call above was made on the branch, so record it on the app as well.
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        return app;
    }
}
