using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// How common each word is among the articles, from PostgreSQL's own statistics of the text index column
/// (<c>pg_stats.most_common_elems</c>, which ANALYZE and autovacuum keep; migration SearchIndex asks for 10,000 words),
/// held per instance for <see cref="SearchOptions.StatisticsLifetimeSeconds"/>. A word missing from the list is rarer
/// than the rarest word on it. Before the first ANALYZE nothing is known and every query counts as rare.
/// </summary>
public sealed class SearchStatistics(IServiceScopeFactory scopes, IOptions<SearchOptions> options, TimeProvider clock)
{
    /// <summary>The least similarity at which a listed word replaces a word of a query.</summary>
    public const double MinSimilarity = 0.4;

    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>
    /// About how many articles hold every word of the query, what share of all articles that is, and each word's share
    /// (for the last word, of every word it starts).
    /// </summary>
    public async Task<SearchEstimate> EstimateAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        if (snapshot.Words.Length == 0 || snapshot.Rows <= 0)
        {
            return new SearchEstimate(0, 0, [.. query.Words.Select(_ => 0.0)], null);
        }

        var frequencies = query.Words.Select((word, i) => snapshot.Frequency(word, prefix: i == query.Words.Count - 1)).ToList();

        // The rarest word bounds the matches; multiplying the shares would take the words of a compound ("chuyển đổi")
        // for independent and guess far too few.
        var density = frequencies.Min();
        var last = query.Words[^1];
        return new SearchEstimate(density * snapshot.Rows, density, frequencies,
            snapshot.Knows(last, prefix: false) ? snapshot.Frequency(last, prefix: false) : null);
    }

    /// <summary>
    /// The query with each word that no listed word is (or, for the last, starts) replaced by the most similar listed
    /// word, as pg_trgm measures similarity (shared trigrams of the padded words over all their trigrams, at least
    /// <see cref="MinSimilarity"/>); null when no word was replaced.
    /// </summary>
    public async Task<SearchQuery?> CorrectAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        var corrected = query.Words
            .Select((word, i) => snapshot.Knows(word, prefix: i == query.Words.Count - 1) ? word : snapshot.Closest(word) ?? word)
            .ToList();
        return corrected.SequenceEqual(query.Words) ? null : SearchQuery.Parse(string.Join(' ', corrected));
    }

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_snapshot is { } fresh && IsFresh(fresh, now))
        {
            return fresh;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            // Another request may have read them while this one waited.
            if (_snapshot is { } other && IsFresh(other, now))
            {
                return other;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
            var row = await db.Database.SqlQuery<StatisticsRow>($"""
                SELECT c.reltuples::float8 AS rows, s.most_common_elems::text::text[] AS words,
                       s.most_common_elem_freqs::float8[] AS frequencies
                FROM pg_class c
                LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'articles' AND s.attname = 'search_vector'
                WHERE c.oid = to_regclass('articles')
                """).SingleAsync(cancellationToken);
            var snapshot = Snapshot.From(row, now);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    private bool IsFresh(Snapshot snapshot, DateTimeOffset now) =>
        snapshot.ReadAt.AddSeconds(options.Value.StatisticsLifetimeSeconds) > now;

    private sealed record StatisticsRow(double Rows, string[]? Words, double[]? Frequencies);

    private sealed class Snapshot
    {
        private double[] _frequencies = [];
        private double _below;
        private readonly Lazy<(Dictionary<string, List<int>> Index, int[] Counts)> _trigrams;

        private Snapshot() => _trigrams = new(BuildTrigramIndex);

        public required DateTimeOffset ReadAt { get; init; }

        public required double Rows { get; init; }

        /// <summary>The words, in ordinal order, each at the index of its frequency.</summary>
        public string[] Words { get; private set; } = [];

        public static Snapshot From(StatisticsRow row, DateTimeOffset now)
        {
            var snapshot = new Snapshot { ReadAt = now, Rows = row.Rows };
            if (row.Words is { Length: > 0 } words && row.Frequencies is { } frequencies && frequencies.Length >= words.Length + 2)
            {
                // After one frequency per word come the smallest and largest of them and the share of nulls.
                var ordered = words.Select((w, i) => (Word: w, Frequency: frequencies[i])).OrderBy(p => p.Word, StringComparer.Ordinal).ToArray();
                snapshot.Words = ordered.Select(p => p.Word).ToArray();
                snapshot._frequencies = ordered.Select(p => p.Frequency).ToArray();
                snapshot._below = frequencies[words.Length];
            }

            return snapshot;
        }

        /// <summary>Whether the word is listed (or, for a prefix, starts a listed word).</summary>
        public bool Knows(string word, bool prefix)
        {
            var at = Array.BinarySearch(Words, word, StringComparer.Ordinal);
            return at >= 0 || (prefix && ~at < Words.Length && Words[~at].StartsWith(word, StringComparison.Ordinal));
        }

        /// <summary>The listed word most similar to this one, commonest first among equals; null below <see cref="MinSimilarity"/>.</summary>
        public string? Closest(string word)
        {
            var trigrams = Trigrams(word);
            var (index, counts) = _trigrams.Value;
            var shared = new Dictionary<int, int>();
            foreach (var trigram in trigrams)
            {
                foreach (var candidate in index.GetValueOrDefault(trigram, []))
                {
                    shared[candidate] = shared.GetValueOrDefault(candidate) + 1;
                }
            }

            return shared
                .Select(p => (Word: p.Key, Similarity: (double)p.Value / (trigrams.Count + counts[p.Key] - p.Value)))
                .Where(c => c.Similarity >= MinSimilarity)
                .OrderByDescending(c => c.Similarity).ThenByDescending(c => _frequencies[c.Word]).ThenBy(c => Words[c.Word], StringComparer.Ordinal)
                .Select(c => Words[c.Word])
                .FirstOrDefault();
        }

        private (Dictionary<string, List<int>> Index, int[] Counts) BuildTrigramIndex()
        {
            var index = new Dictionary<string, List<int>>();
            var counts = new int[Words.Length];
            for (var i = 0; i < Words.Length; i++)
            {
                var trigrams = Trigrams(Words[i]);
                counts[i] = trigrams.Count;
                foreach (var trigram in trigrams)
                {
                    if (!index.TryGetValue(trigram, out var words))
                    {
                        index[trigram] = words = [];
                    }

                    words.Add(i);
                }
            }

            return (index, counts);
        }

        /// <summary>pg_trgm's trigrams of a word: padded with two spaces before and one after.</summary>
        private static HashSet<string> Trigrams(string word)
        {
            var padded = $"  {word} ";
            var trigrams = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                trigrams.Add(padded.Substring(i, 3));
            }

            return trigrams;
        }

        public double Frequency(string word, bool prefix)
        {
            var at = Array.BinarySearch(Words, word, StringComparer.Ordinal);
            if (!prefix)
            {
                return at >= 0 ? _frequencies[at] : _below;
            }

            // Every listed word the prefix starts (an article may have several: the sum bounds it); when it starts none,
            // the words it starts are rarer than the rarest listed.
            var sum = 0.0;
            for (var i = at >= 0 ? at : ~at; i < Words.Length && Words[i].StartsWith(word, StringComparison.Ordinal); i++)
            {
                sum += _frequencies[i];
            }

            return sum == 0 ? _below : Math.Min(1, sum);
        }
    }
}

/// <summary>
/// About how many articles a query matches, what share of all articles that is, each word's share (the last as a
/// prefix), and the last word's share as a whole word (null when it is not among the listed words).
/// </summary>
public sealed record SearchEstimate(double Matches, double Density, IReadOnlyList<double> Frequencies, double? LastWhole);
