namespace KhoaGiao.Api.Features.ApiKeys;

/// <summary>
/// A key an integration authenticates with (<c>Authorization: ApiKey &lt;key&gt;</c>). Only the SHA-256 hash of
/// the key is stored: keys are 256-bit random secrets, so a fast hash is enough to make a stolen table useless.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The first characters of the key, shown so people can tell keys apart.</summary>
    public required string Prefix { get; init; }

    public required byte[] Hash { get; init; }

    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Management requests per minute this key may make; null means the service-wide limit.</summary>
    public int? RequestsPerMinute { get; set; }
}
