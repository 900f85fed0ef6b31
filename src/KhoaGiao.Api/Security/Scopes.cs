namespace KhoaGiao.Api.Security;

/// <summary>What an API key may do. <see cref="Admin"/> includes every other scope.</summary>
public static class Scopes
{
    public const string ContentRead = "content:read";
    public const string ContentWrite = "content:write";
    public const string ContentPublish = "content:publish";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [ContentRead, ContentWrite, ContentPublish, Admin];

    /// <summary>Claim type carrying one granted scope.</summary>
    public const string ClaimType = "scope";
}
