using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Features.Search;

/// <summary>Settings of the <c>Search</c> section: how article search chooses its plan.</summary>
public sealed class SearchOptions
{
    /// <summary>
    /// A query whose words PostgreSQL's statistics put in at most this many published articles is ranked over all its
    /// matches, read through the text index; a commoner one is ranked over the matches among the newest articles (see
    /// <see cref="MaxWindow"/>).
    /// </summary>
    [Range(0, 10_000_000)]
    public int RareMatches { get; set; } = 3000;

    /// <summary>
    /// Most newest articles a common query's relevance ranking reads: enough to hold about 500 matches at the words'
    /// frequency, between 2,000 and this. Each costs about 4 µs of PostgreSQL's time.
    /// </summary>
    [Range(2000, 1_000_000)]
    public int MaxWindow { get; set; } = 5000;

    /// <summary>
    /// When the newest articles hold fewer matches than a page, a query estimated at no more than this many matches
    /// is ranked over all of them instead (a word common once and rare lately).
    /// </summary>
    [Range(0, 10_000_000)]
    public int FullRankMaxMatches { get; set; } = 50_000;

    /// <summary>Seconds an instance keeps the words' frequencies it read from <c>pg_stats</c> before reading them again.</summary>
    [Range(0, 86_400)]
    public int StatisticsLifetimeSeconds { get; set; } = 300;
}
