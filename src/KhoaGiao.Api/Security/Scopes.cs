using System.Security.Claims;

namespace KhoaGiao.Api.Security;

/// <summary>What an API key may do. <see cref="Admin"/> includes every other scope.</summary>
public static class Scopes
{
    public const string ContentRead = "content:read";
    public const string ContentWrite = "content:write";
    public const string ContentPublish = "content:publish";
    /// <summary>Webhook subscriptions and their delivery logs.</summary>
    public const string WebhooksManage = "webhooks:manage";

    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [ContentRead, ContentWrite, ContentPublish, WebhooksManage, Admin];

    /// <summary>Claim type carrying one granted scope.</summary>
    public const string ClaimType = "scope";

    /// <summary>
    /// Whether the caller (user or API key) holds the scope, directly or through <see cref="Admin"/>: the rule of the
    /// authorization policies, for checks that depend on the request (publishing in the same call as a write).
    /// </summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.HasClaim(ClaimType, scope) || user.HasClaim(ClaimType, Admin);
}
