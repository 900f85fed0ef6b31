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
        ArticleViews = new Dictionary<(Guid Visitor, Guid Article), (DateTimeOffset At, DateOnly Day)>(articleViews);
    }

    /// <summary>Identifies the batch in <see cref="CounterFlush"/>, so a retried batch is applied once.</summary>
    public Guid Id { get; } = Guid.CreateVersion7();

    public HashSet<(DateOnly Day, Guid Visitor)> Visits { get; }

    public Dictionary<Guid, DateTimeOffset> LastSeen { get; }

    /// <summary>
    /// Views this instance saw as new (none of the same visitor and article within the dedupe window), with when and
    /// on which day. The flush counts each only if no instance counted one within the window before it.
    /// </summary>
    public Dictionary<(Guid Visitor, Guid Article), (DateTimeOffset At, DateOnly Day)> ArticleViews { get; }

    public int Entries => Visits.Count + LastSeen.Count + ArticleViews.Count;

    public bool IsEmpty => Entries == 0;

    public Sizes Size => new(Visits.Count, LastSeen.Count, ArticleViews.Count);

    /// <summary>An empty batch with room for as many entries as a batch of <paramref name="size"/>.</summary>
    public static PendingHits SizedLike(Sizes size) => new(size.Visits, size.LastSeen, size.ArticleViews);

    /// <summary>How many entries each collection of a batch holds.</summary>
    public readonly record struct Sizes(int Visits, int LastSeen, int ArticleViews);
}
