using System.Diagnostics.Metrics;

namespace KhoaGiao.Api.Telemetry;

/// <summary>
/// The service's own meter, <see cref="MeterName"/>, and its instruments; features report through its methods. Without
/// a listener (no exporter configured) an instrument does nothing, so the calls stay on hot paths such as the beacon.
/// Names and units follow the OpenTelemetry conventions; docs/operations.md#telemetry lists them as Prometheus shows them.
/// </summary>
public sealed class KhoaGiaoMetrics
{
    public const string MeterName = "KhoaGiao.Api";

    // The default OpenTelemetry boundaries (0 to 10,000) suit milliseconds; these are ASP.NET Core's for seconds.
    private static readonly InstrumentAdvice<double> SecondsAdvice = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    };

    private readonly Counter<long> _hitsAccepted;
    private readonly Counter<long> _hitsFlushed;
    private readonly Histogram<double> _flushDuration;
    private readonly Counter<long> _outputCacheHits;
    private readonly Counter<long> _outputCacheMisses;
    private readonly Counter<long> _schedulerRuns;
    private readonly Counter<long> _scheduledArticlesPublished;
    private readonly Counter<long> _webhookAttempts;

    /// <param name="meterFactory">The host's meter factory, so each host (a test starts several) has its own meter.</param>
    /// <param name="pendingHits">Reads how many counter entries wait for the database, when the gauge is observed.</param>
    public KhoaGiaoMetrics(IMeterFactory meterFactory, Func<int> pendingHits)
    {
        var meter = meterFactory.Create(MeterName);
        _hitsAccepted = meter.CreateCounter<long>("khoagiao.hits.accepted", "{hit}",
            "Beacon hits (page views) taken into the buffer to be counted.");
        _hitsFlushed = meter.CreateCounter<long>("khoagiao.hits.flushed", "{entry}",
            "Buffered counter entries (visitor-days, last-seen times, article-day views) written to the database.");
        meter.CreateObservableGauge("khoagiao.hits.pending", pendingHits, "{entry}",
            "Counter entries waiting in this process's buffer for the database.");
        _flushDuration = meter.CreateHistogram("khoagiao.hits.flush.duration", "s",
            "Time one flush of the hit buffer took.", advice: SecondsAdvice);
        _outputCacheHits = meter.CreateCounter<long>("khoagiao.output_cache.hits", "{response}",
            "Delivery responses served from the output cache.");
        _outputCacheMisses = meter.CreateCounter<long>("khoagiao.output_cache.misses", "{response}",
            "Cacheable delivery responses the output cache did not hold, so the endpoint ran.");
        _schedulerRuns = meter.CreateCounter<long>("khoagiao.scheduler.runs", "{run}",
            "Passes of the scheduled publisher.");
        _scheduledArticlesPublished = meter.CreateCounter<long>("khoagiao.scheduler.published", "{article}",
            "Scheduled articles published when their time came.");
        _webhookAttempts = meter.CreateCounter<long>("khoagiao.webhook.attempts", "{attempt}",
            "Webhook delivery attempts, by what became of the delivery.");
    }

    /// <summary>The beacon took a hit into the buffer.</summary>
    public void HitAccepted() => _hitsAccepted.Add(1);

    /// <summary>A flush wrote <paramref name="entries"/> buffered entries to the database.</summary>
    public void HitsFlushed(int entries) => _hitsFlushed.Add(entries);

    /// <summary>A flush ended, having written everything (<paramref name="succeeded"/>) or kept batches to retry.</summary>
    public void FlushDuration(TimeSpan duration, bool succeeded) =>
        _flushDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));

    /// <summary>The output cache answered a request of <paramref name="route"/> (its route pattern) from a stored response.</summary>
    public void OutputCacheHit(string? route) => _outputCacheHits.Add(1, new KeyValuePair<string, object?>("http.route", route));

    /// <summary>A request of <paramref name="route"/> that the output cache could have answered ran the endpoint.</summary>
    public void OutputCacheMiss(string? route) => _outputCacheMisses.Add(1, new KeyValuePair<string, object?>("http.route", route));

    /// <summary>A pass of the scheduled publisher published <paramref name="articles"/> articles.</summary>
    public void SchedulerRan(int articles)
    {
        _schedulerRuns.Add(1, new KeyValuePair<string, object?>("outcome", "succeeded"));
        _scheduledArticlesPublished.Add(articles);
    }

    /// <summary>A pass of the scheduled publisher failed; its articles stay scheduled for the next.</summary>
    public void SchedulerFailed() => _schedulerRuns.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));

    /// <summary>A webhook attempt was recorded: delivered (2xx), failed for good, or failed with another try to come.</summary>
    public void WebhookAttempted(WebhookAttemptOutcome outcome) =>
        _webhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            WebhookAttemptOutcome.Delivered => "delivered",
            WebhookAttemptOutcome.Retrying => "retrying",
            _ => "failed",
        }));
}
