using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>
/// Limits sign-in attempts per account (by normalised e-mail), whichever addresses they come from: the per-IP limit
/// is the route's rate-limiting policy, this one needs the e-mail from the body.
/// </summary>
public sealed class LoginAttempts(IOptions<AccountsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        account => RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.LoginAttemptsPerMinutePerAccount,
            Window = TimeSpan.FromMinutes(1),
        }));

    /// <summary>Counts one attempt for the account; false past the limit, with how long until the next one is allowed.</summary>
    public bool TryAcquire(string email, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
