namespace KhoaGiao.Api.Features.Idempotency;

/// <summary>
/// A management POST sent with an <c>Idempotency-Key</c>: the first response is kept for a day and replayed to a
/// retry with the same key and body. Keys are per caller (account or API key).
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Who sent it: the authentication scheme and the account's or key's id.</summary>
    public required string Caller { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the method, path, query and body: the same key with another request is 422.</summary>
    public required byte[] RequestHash { get; init; }

    /// <summary>Null while the first request is still running (a retry then gets 409).</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    /// <summary>The <c>Location</c> and <c>ETag</c> of the first response, replayed with it.</summary>
    public string? Location { get; set; }

    public string? ETag { get; set; }

    public byte[]? Body { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }
}
