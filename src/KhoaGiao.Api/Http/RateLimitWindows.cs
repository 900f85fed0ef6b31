using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;

namespace KhoaGiao.Api.Http;

/// <summary>
/// The per-minute windows of the rate-limited routes (management API, sign-in), kept so each response can say where
/// its caller stands: <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (seconds until
/// the window starts again), as draft-ietf-httpapi-ratelimit-headers names them. The framework's rate limiter still
/// does the counting; a window here wraps its fixed-window limiter and leaves when the framework disposes of it.
/// </summary>
public sealed class RateLimitWindows
{
    /// <summary>The framework's limiters count real time (a stopwatch), so the windows' starts are followed in it too.</summary>
    private readonly TimeProvider _clock = TimeProvider.System;

    private const string PartitionItem = "KhoaGiao.RateLimitPartition";

    private readonly ConcurrentDictionary<string, Window> _live = new();

    /// <summary>The headers a counted response carries.</summary>
    public static readonly string[] Headers = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    /// <summary>Whether the request went through one of the windows (its route is rate limited).</summary>
    public static bool Counted(HttpContext context) => context.Items.ContainsKey(PartitionItem);

    /// <summary>The partition of the caller's window, remembered on the request for <see cref="WriteHeaders"/>.</summary>
    public RateLimitPartition<string> Partition(HttpContext context, string key, int permitLimit)
    {
        context.Items[PartitionItem] = key;
        return RateLimitPartition.Get(key, k => _live[k] = new Window(k, permitLimit, this));
    }

    /// <summary>Writes the caller's standing, when the request went through a window; <paramref name="refused"/> for a 429.</summary>
    public void WriteHeaders(HttpContext context, bool refused = false)
    {
        if (context.Items[PartitionItem] is not string key || !_live.TryGetValue(key, out var window))
        {
            return;
        }

        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = window.PermitLimit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = (refused ? 0 : window.Remaining).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = Math.Max(1, (long)Math.Ceiling(window.ResetIn.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The framework's fixed window, with when it last started.</summary>
    private sealed class Window : ReplenishingRateLimiter
    {
        private static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

        private readonly string _key;
        private readonly RateLimitWindows _owner;
        private readonly FixedWindowRateLimiter _inner;
        private long _startedAt;

        public Window(string key, int permitLimit, RateLimitWindows owner)
        {
            (_key, _owner, PermitLimit) = (key, owner, permitLimit);
            _startedAt = owner._clock.GetTimestamp();
            _inner = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitLimit,
                Window = Length,
                AutoReplenishment = false,
            });
        }

        public int PermitLimit { get; }

        public long Remaining => _inner.GetStatistics()?.CurrentAvailablePermits ?? 0;

        public TimeSpan ResetIn => Length - _owner._clock.GetElapsedTime(Interlocked.Read(ref _startedAt));

        public override TimeSpan? IdleDuration => _inner.IdleDuration;

        public override bool IsAutoReplenishing => false;

        public override TimeSpan ReplenishmentPeriod => _inner.ReplenishmentPeriod;

        /// <summary>Called by the framework's timer; a new window starts once the last one is a minute old, as the inner limiter's does.</summary>
        public override bool TryReplenish()
        {
            if (_owner._clock.GetElapsedTime(Interlocked.Read(ref _startedAt)) >= Length)
            {
                Interlocked.Exchange(ref _startedAt, _owner._clock.GetTimestamp());
            }

            return _inner.TryReplenish();
        }

        public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => _inner.AttemptAcquire(permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            _inner.AcquireAsync(permitCount, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _owner._live.TryRemove(new KeyValuePair<string, Window>(_key, this));
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            _owner._live.TryRemove(new KeyValuePair<string, Window>(_key, this));
            await _inner.DisposeAsync();
        }
    }
}
