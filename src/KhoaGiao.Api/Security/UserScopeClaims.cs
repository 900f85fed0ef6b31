using System.Security.Claims;
using KhoaGiao.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Security;

/// <summary>
/// Turns a signed-in user's roles into the same scope claims API keys carry, so one set of policies serves both.
/// Reads the user afresh on each request: a disabled account, a changed security stamp (sign-out, password reset)
/// or changed roles take effect at once, not when the access token expires.
/// </summary>
public sealed class UserScopeClaims(KhoaGiaoDbContext db, IOptions<IdentityOptions> identity) : IClaimsTransformation
{
    private const string Marker = "khoagiao:scopes-added";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, AuthenticationType: not ApiKeyAuthenticationHandler.SchemeName }
            || principal.HasClaim(c => c.Type == Marker)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return principal;
        }

        var stampClaim = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp,
                u.DisabledAt,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .FirstOrDefaultAsync();
        if (user is null || user.DisabledAt is not null || user.SecurityStamp != stampClaim)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        var claims = new ClaimsIdentity();
        claims.AddClaim(new Claim(Marker, "1"));
        foreach (var scope in user.Roles.SelectMany(Roles.ScopesOf).Distinct())
        {
            claims.AddClaim(new Claim(Scopes.ClaimType, scope));
        }

        var transformed = principal.Clone();
        transformed.AddIdentity(claims);
        return transformed;
    }
}
