using Microsoft.AspNetCore.Authentication;

namespace KhoaGiao.Api.Security;

public static class SecurityServices
{
    public static WebApplicationBuilder AddKhoaGiaoSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection("Security"));
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in Scopes.All)
        {
            // The admin scope satisfies every policy.
            authorization.AddPolicy(scope, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context =>
                    context.User.HasClaim(Scopes.ClaimType, scope) || context.User.HasClaim(Scopes.ClaimType, Scopes.Admin)));
        }

        return builder;
    }
}
