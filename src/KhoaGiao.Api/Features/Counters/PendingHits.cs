namespace KhoaGiao.Api.Features.Counters;

/// <summary>Hits aggregated in memory since the last flush: what one flush statement writes.</summary>
/// <remarks>
/// Sized like the batch before it (<see cref="SizedLike"/>): under steady load the collections are allocated once per
/// flush at their final size instead of growing through a dozen resizes, each a large-object allocation.
/// </remarks>
public sealed class PendingHits
{
    public PendingHits()
        : this(0, 0, 0)
    {
    }

    private PendingHits(int visits, int lastSeen, int articleViews)
    {
        Visits = new HashSet<(DateOnly Day, Guid Visitor)>(visits);
        LastSeen = new Dictionary<Guid, DateTimeOffset>(lastSeen);
        ArticleViews = new Dictionary<(Guid Article, DateOnly Day), long>(articleViews);
    }

    /// <summary>Identifies the batch in <see cref="CounterFlush"/>, so a retried batch is applied once.</summary>
    public Guid Id { get; } = Guid.CreateVersion7();

    public HashSet<(DateOnly Day, Guid Visitor)> Visits { get; }

    public Dictionary<Guid, DateTimeOffset> LastSeen { get; }

    public Dictionary<(Guid Article, DateOnly Day), long> ArticleViews { get; }

    public int Entries => Visits.Count + LastSeen.Count + ArticleViews.Count;

    public bool IsEmpty => Entries == 0;

    /// <summary>An empty batch with room for as many entries as <paramref name="previous"/> holds.</summary>
    public static PendingHits SizedLike(PendingHits previous) =>
        new(previous.Visits.Count, previous.LastSeen.Count, previous.ArticleViews.Count);
}
