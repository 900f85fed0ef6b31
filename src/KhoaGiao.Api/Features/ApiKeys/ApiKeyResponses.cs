namespace KhoaGiao.Api.Features.ApiKeys;

/// <summary>An API key as listed: never the secret itself.</summary>
public sealed record ApiKeyResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>Đồng bộ Báo Hà Nam</example>
    public required string Name { get; init; }

    /// <summary>The first characters of the key, to tell keys apart.</summary>
    /// <example>kg_Q2hpZXUx</example>
    [OpenApi.Longest(20)]
    public required string Prefix { get; init; }

    /// <example>["content:read", "content:write"]</example>
    [OpenApi.ValuesFrom(typeof(Security.Scopes), nameof(Security.Scopes.All))]
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The key's own management requests-per-minute limit; null: the service-wide limit.</summary>
    /// <example>120</example>
    public int? RequestsPerMinute { get; init; }

    /// <example>2026-11-30T09:00:00+00:00</example>
    public DateTimeOffset CreatedAt { get; init; }

    /// <example>null</example>
    public DateTimeOffset? RevokedAt { get; init; }
}

/// <summary>A newly created API key. <see cref="Key"/> is shown this once and cannot be recovered.</summary>
public sealed record CreatedApiKeyResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>Đồng bộ Báo Hà Nam</example>
    public required string Name { get; init; }

    /// <summary>The secret to send as <c>Authorization: ApiKey &lt;key&gt;</c>.</summary>
    /// <example>kg_Q2hpZXUxNmF1Z3VzdHRvYWRhbWtob2FnaWFvaGFuYW0x</example>
    [OpenApi.Longest(100)]
    public required string Key { get; init; }

    /// <example>["content:read", "content:write"]</example>
    [OpenApi.ValuesFrom(typeof(Security.Scopes), nameof(Security.Scopes.All))]
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The key's own management requests-per-minute limit; null: the service-wide limit.</summary>
    /// <example>120</example>
    public int? RequestsPerMinute { get; init; }

    /// <example>2026-11-30T09:00:00+00:00</example>
    public DateTimeOffset CreatedAt { get; init; }
}
