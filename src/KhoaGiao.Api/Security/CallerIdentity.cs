using System.Security.Claims;

namespace KhoaGiao.Api.Security;

/// <summary>
/// Names an authenticated caller by its authentication scheme and id (<c>ApiKey:&lt;key id&gt;</c>,
/// <c>StaffToken:&lt;user id&gt;</c>): what rate limits and idempotency keys are counted and kept per. The scheme is
/// part of the name because a key id and a user id live in different tables and could in principle be equal.
/// </summary>
public static class CallerIdentity
{
    /// <summary>The caller's name, or null for an anonymous request.</summary>
    public static string? Of(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: { } scheme }
        && user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } id
            ? scheme + ":" + id
            : null;
}
