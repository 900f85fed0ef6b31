using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using KhoaGiao.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Security;

/// <summary>
/// Authenticates <c>Authorization: ApiKey &lt;key&gt;</c> against the hashed keys in the database (or the
/// configured bootstrap admin key) and grants the key's scopes as claims, with its own rate limit when it has one.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KhoaGiaoDbContext db,
    IOptions<SecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Claim type carrying the key's own management requests-per-minute limit (absent: the service-wide one).</summary>
    public const string RequestsPerMinuteClaimType = "requests_per_minute";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header[(SchemeName.Length + 1)..].Trim();
        if (key.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        if (IsBootstrapKey(key))
        {
            return Success("bootstrap", "Bootstrap admin key", Scopes.All, requestsPerMinute: null);
        }

        var hash = ApiKeyHasher.Hash(key);
        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.Scopes, k.RequestsPerMinute })
            .FirstOrDefaultAsync(Context.RequestAborted);
        return stored is null
            ? AuthenticateResult.Fail("Unknown or revoked API key.")
            : Success(stored.Id.ToString(), stored.Name, stored.Scopes, stored.RequestsPerMinute);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        return Task.CompletedTask;
    }

    private bool IsBootstrapKey(string key)
    {
        var bootstrap = security.Value.BootstrapAdminKey;
        return !string.IsNullOrEmpty(bootstrap)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(bootstrap));
    }

    private AuthenticateResult Success(string id, string name, IEnumerable<string> scopes, int? requestsPerMinute)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, name) };
        claims.AddRange(scopes.Select(scope => new Claim(Scopes.ClaimType, scope)));
        if (requestsPerMinute is { } limit)
        {
            claims.Add(new Claim(RequestsPerMinuteClaimType, limit.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer32));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
