using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Features.Counters;

/// <summary>Settings of the <c>Counters</c> section.</summary>
public sealed class CountersOptions
{
    /// <summary>How often buffered hits are written to the database, in milliseconds. A crash loses at most this much.</summary>
    [Range(10, 3_600_000)]
    public int FlushIntervalMilliseconds { get; set; } = 1000;

    /// <summary>A visitor's repeated views of one article within this many minutes count once.</summary>
    [Range(1, 1440)]
    public int ViewDedupeMinutes { get; set; } = 30;

    /// <summary>"Đang online": distinct visitors with a hit in the last this many minutes.</summary>
    [Range(1, 1440)]
    public int OnlineWindowMinutes { get; set; } = 5;

    /// <summary>Added to the all-time visit total, for a portal that brings its old counter along.</summary>
    [Range(0, long.MaxValue)]
    public long TotalVisitsOffset { get; set; }

    /// <summary>
    /// Secret that keys the daily salt of visitor hashes (IP address + User-Agent). Every process of one deployment
    /// needs the same value to count a visitor once; when empty, each process makes a random one at start-up.
    /// </summary>
    public string? VisitorHashKey { get; set; }

    /// <summary>User-Agent fragments (case-insensitive) of crawlers: their hits are answered 202 and not counted.</summary>
    public string[] CrawlerUserAgents { get; set; } =
    [
        "bot", "crawl", "spider", "slurp", "facebookexternalhit", "bingpreview", "headlesschrome", "lighthouse",
        "python-requests", "go-http-client", "wget",
    ];

    /// <summary>Most distinct entries waiting for a flush; past it the beacon answers 503 with <c>Retry-After</c>.</summary>
    [Range(1, 100_000_000)]
    public int MaxPendingEntries { get; set; } = 500_000;

    /// <summary>
    /// Most (visitor, article) views one dedupe generation remembers. Past it a new generation starts early, so
    /// memory stays bounded (two generations) even under a flood of made-up visitors; the dedupe window then
    /// shortens instead.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxDedupeEntries { get; set; } = 1_000_000;

    /// <summary>Seconds visitor statistics may be served from cache.</summary>
    [Range(0, 3600)]
    public int StatsCacheSeconds { get; set; } = 2;

    /// <summary>Seconds the set of published articles the beacon accepts may be old.</summary>
    [Range(1, 3600)]
    public int PublishedArticlesRefreshSeconds { get; set; } = 5;
}
