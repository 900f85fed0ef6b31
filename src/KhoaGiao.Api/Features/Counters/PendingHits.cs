namespace KhoaGiao.Api.Features.Counters;

/// <summary>Hits aggregated in memory since the last flush: what one flush statement writes.</summary>
public sealed class PendingHits
{
    /// <summary>Identifies the batch in <see cref="CounterFlush"/>, so a retried batch is applied once.</summary>
    public Guid Id { get; } = Guid.CreateVersion7();

    public HashSet<(DateOnly Day, Guid Visitor)> Visits { get; } = [];

    public Dictionary<Guid, DateTimeOffset> LastSeen { get; } = [];

    public Dictionary<(Guid Article, DateOnly Day), long> ArticleViews { get; } = [];

    public int Entries => Visits.Count + LastSeen.Count + ArticleViews.Count;

    public bool IsEmpty => Entries == 0;
}
