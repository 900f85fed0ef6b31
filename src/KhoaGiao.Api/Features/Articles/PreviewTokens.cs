using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Signed, short-lived tokens that show one unpublished article in the delivery API. The token carries the
/// article id and its expiry, protected (encrypted and authenticated) with ASP.NET Core Data Protection; expiry is
/// checked against the service clock.
/// </summary>
public sealed class PreviewTokens(IDataProtectionProvider protection, IOptions<EditorialOptions> options, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("KhoaGiao.ArticlePreview.v1");

    public (string Token, DateTimeOffset ExpiresAt) Create(Guid articleId)
    {
        var expiresAt = clock.GetUtcNow().AddMinutes(options.Value.PreviewTokenMinutes);
        var token = _protector.Protect($"{articleId:N}|{expiresAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}");
        return (token, expiresAt);
    }

    /// <summary>The article the token is for, if it is authentic and unexpired.</summary>
    public Guid? ArticleOf(string token)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('|');
        return parts.Length == 2
            && Guid.TryParseExact(parts[0], "N", out var id)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && clock.GetUtcNow().UtcTicks < ticks
                ? id
                : null;
    }
}
