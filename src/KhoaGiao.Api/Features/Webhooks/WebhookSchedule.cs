namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>
/// When a failed delivery is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h six times (as Standard
/// Webhooks and Svix do), each with ±10% jitter so receivers coming back are not hit by every sender at once. Twelve
/// attempts in all over about 2 days 20 hours; after the last failure the delivery is failed.
/// </summary>
public static class WebhookSchedule
{
    public static IReadOnlyList<TimeSpan> Delays { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(10), TimeSpan.FromHours(10), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    public static int MaxAttempts => Delays.Count + 1;

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failed ones; null when none is left.</summary>
    public static TimeSpan? After(int attempts) =>
        attempts < 1 || attempts > Delays.Count ? null : Delays[attempts - 1] * (0.9 + (0.2 * Random.Shared.NextDouble()));
}
