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

    public bool TryAcquire(string email)
    {
        using var lease = _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
