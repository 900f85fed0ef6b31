namespace KhoaGiao.Api.Features.Idempotency;

/// <summary>What claiming an idempotency key found: the key is this request's, or the key's first request.</summary>
public abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    /// <summary>The key is this request's: run it, then complete or release the claim made at <paramref name="At"/>.</summary>
    public sealed record Claimed(string Caller, string Key, DateTimeOffset At) : IdempotencyClaim;

    /// <summary>The same request already finished: replay its response.</summary>
    public sealed record Completed(IdempotencyRecord Record) : IdempotencyClaim;

    /// <summary>The same request is still running, here or on another instance.</summary>
    public sealed record Running : IdempotencyClaim;

    /// <summary>The key was first used for a different request.</summary>
    public sealed record Mismatch : IdempotencyClaim;
}
