using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>
/// Signing secrets in the Standard Webhooks form (<c>whsec_</c> and 24 random bytes in base64), stored protected by the
/// service's data-protection keys (in the database, shared by every instance), and the <c>webhook-signature</c> they make.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private const string Prefix = "whsec_";

    /// <summary>Characters of a secret: the prefix and 24 bytes in base64.</summary>
    public const int Length = 38;

    private readonly IDataProtector _protector = protection.CreateProtector("KhoaGiao.WebhookSecret.v1");

    /// <summary>A new secret: what the subscriber is shown once, and what is stored.</summary>
    public (string Shown, string Stored) New()
    {
        var shown = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        return (shown, _protector.Protect(shown));
    }

    /// <summary>
    /// The <c>webhook-signature</c> header: <c>v1,</c> and the base64 HMAC-SHA256 of <c>id.timestamp.body</c> under each
    /// secret, separated by spaces (the current one first; the previous one too while it is still valid).
    /// </summary>
    public string Signature(string id, long timestamp, string body, IEnumerable<string> storedSecrets)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        return string.Join(' ', storedSecrets.Select(stored =>
        {
            var key = Convert.FromBase64String(_protector.Unprotect(stored)[Prefix.Length..]);
            return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
        }));
    }
}
