namespace KhoaGiao.Api.Features.Accounts;

/// <summary>A staff account as admins see it.</summary>
public sealed record UserResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d91</example>
    public Guid Id { get; init; }

    /// <example>bientap@khoagiao.hanam.gov.vn</example>
    public required string Email { get; init; }

    /// <example>Trần Thị Bình</example>
    public required string DisplayName { get; init; }

    /// <example>["editor"]</example>
    [OpenApi.ValuesFrom(typeof(Security.Roles), nameof(Security.Roles.All))]
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>When an admin disabled the account; null while it is active.</summary>
    /// <example>null</example>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>Until when repeated failed sign-ins keep it locked; null when it is not locked.</summary>
    /// <example>null</example>
    public DateTimeOffset? LockedOutUntil { get; init; }

    /// <example>2026-11-30T09:00:00+00:00</example>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Who the caller is: a signed-in user or an API key, with the scopes granted.</summary>
public sealed record CurrentIdentityResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d91</example>
    [OpenApi.Longest(36)]
    public required string Id { get; init; }

    /// <example>bientap@khoagiao.hanam.gov.vn</example>
    public required string Name { get; init; }

    /// <summary><c>user</c> or <c>apiKey</c>.</summary>
    /// <example>user</example>
    [OpenApi.ValuesFrom(typeof(CurrentIdentityResponse), nameof(Kinds))]
    public required string Kind { get; init; }

    /// <example>["content:read", "content:write", "content:publish"]</example>
    [OpenApi.ValuesFrom(typeof(Security.Scopes), nameof(Security.Scopes.All))]
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The values of <see cref="Kind"/>.</summary>
    public static readonly IReadOnlyList<string> Kinds = [User, ApiKey];

    public const string User = "user";
    public const string ApiKey = "apiKey";
}
