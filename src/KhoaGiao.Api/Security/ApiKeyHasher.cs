using System.Security.Cryptography;
using System.Text;

namespace KhoaGiao.Api.Security;

/// <summary>Creates API keys and the hashes stored for them.</summary>
public static class ApiKeyHasher
{
    private const string KeyPrefix = "kg_";

    /// <summary>A new key: <c>kg_</c> followed by 256 random bits in base64url.</summary>
    public static string NewKey() =>
        KeyPrefix + Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The part of a key that is safe to show (<c>kg_AbCd1234</c>).</summary>
    public static string DisplayPrefix(string key) => key[..Math.Min(key.Length, KeyPrefix.Length + 8)];
}
