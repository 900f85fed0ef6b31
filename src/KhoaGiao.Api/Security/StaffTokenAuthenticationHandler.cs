using System.Security.Claims;
using System.Text.Encodings.Web;
using KhoaGiao.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Security;

/// <summary>
/// Authenticates a staff account's bearer token (read by Identity's bearer scheme), then checks the account
/// afresh: a disabled account or a changed security stamp (sign-out, password reset) fails authentication, so the
/// token gets a 401 at once, not when it expires. The account's current roles become the same scope claims API
/// keys carry, so one set of policies serves both.
/// </summary>
public sealed class StaffTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KhoaGiaoDbContext db,
    IOptions<IdentityOptions> identity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "StaffToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = await Context.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!token.Succeeded)
        {
            return token.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail("Invalid or expired token.");
        }

        var principal = token.Principal;
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return AuthenticateResult.Fail("The token names no account.");
        }

        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp,
                u.DisabledAt,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (user is null || user.DisabledAt is not null || user.SecurityStamp != stamp)
        {
            return AuthenticateResult.Fail("The account was signed out, changed or disabled.");
        }

        var claims = principal.Claims
            .Where(c => c.Type is not Scopes.ClaimType)
            .Concat(user.Roles.SelectMany(Roles.ScopesOf).Distinct().Select(scope => new Claim(Scopes.ClaimType, scope)));
        var authenticated = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(authenticated, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
