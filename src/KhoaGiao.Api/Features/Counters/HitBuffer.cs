using KhoaGiao.Api.Time;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Counters;

/// <summary>
/// Aggregates hits in memory between flushes, so a province reading one story costs one statement a second, not
/// one per reader. One lock guards plain dictionaries: each hit holds it for a few hash operations. The views it
/// remembers spare the database the repeats this instance sees; the flush decides what counts, across instances.
/// </summary>
public sealed class HitBuffer(IOptions<CountersOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Queue<PendingHits> _failed = new();
    private PendingHits _current = new();

    // Views counted in the current and the previous dedupe window. Every window the older generation is dropped
    // whole, so forgetting costs nothing per entry and never holds the lock for a scan; an entry lives between one
    // and two windows, and the timestamp decides whether it still dedupes.
    private Dictionary<(Guid Visitor, Guid Article), DateTimeOffset> _countedViews = [];
    private Dictionary<(Guid Visitor, Guid Article), DateTimeOffset> _previouslyCountedViews = [];
    private DateTimeOffset _generationStarted = DateTimeOffset.MinValue;
    private int _failedEntries;
    private PendingHits.Sizes _lastTaken;

    /// <summary>What became of a hit.</summary>
    public enum Outcome
    {
        /// <summary>Counted (an article view within the dedupe window still counts the visit).</summary>
        Recorded,

        /// <summary>Too much is waiting for the database; the client should retry later.</summary>
        Full,
    }

    /// <summary>Entries waiting to be written, current and failed batches together.</summary>
    public int PendingEntries
    {
        get
        {
            lock (_gate)
            {
                return _current.Entries + _failedEntries;
            }
        }
    }

    public Outcome Record(Guid visitor, Guid? articleId, DateTimeOffset now)
    {
        var day = VietnamTime.DateOf(now);
        var window = TimeSpan.FromMinutes(options.Value.ViewDedupeMinutes);
        lock (_gate)
        {
            if (_current.Entries + _failedEntries >= options.Value.MaxPendingEntries)
            {
                return Outcome.Full;
            }

            _current.Visits.Add((day, visitor));
            if (!_current.LastSeen.TryGetValue(visitor, out var seen) || seen < now)
            {
                _current.LastSeen[visitor] = now;
            }

            if (articleId is { } article && !CountedWithin((visitor, article), now, window))
            {
                if (_countedViews.Count >= options.Value.MaxDedupeEntries)
                {
                    _previouslyCountedViews = _countedViews;
                    _countedViews = [];
                    _generationStarted = now;
                }

                _countedViews[(visitor, article)] = now;
                _current.ArticleViews.TryAdd((visitor, article), (now, day));
            }

            return Outcome.Recorded;
        }
    }

    /// <summary>The batches to write now, oldest first: those that failed before, then the current one.</summary>
    public List<PendingHits> TakeAll()
    {
        // The next batch, sized like the last one taken, is allocated before the lock that every hit waits on.
        var next = PendingHits.SizedLike(_lastTaken);
        lock (_gate)
        {
            var batches = new List<PendingHits>(_failed);
            _failed.Clear();
            _failedEntries = 0;
            _lastTaken = _current.Size;
            if (!_current.IsEmpty)
            {
                batches.Add(_current);
                _current = next;
            }

            return batches;
        }
    }

    /// <summary>Keeps batches that could not be written, to retry them (with the same ids) at the next flush.</summary>
    public void ReturnFailed(IEnumerable<PendingHits> batches)
    {
        lock (_gate)
        {
            foreach (var batch in batches)
            {
                _failed.Enqueue(batch);
                _failedEntries += batch.Entries;
            }
        }
    }

    /// <summary>Starts a new dedupe generation once a window has passed, dropping the one before the last.</summary>
    public void ForgetOldViews(DateTimeOffset now)
    {
        var window = TimeSpan.FromMinutes(options.Value.ViewDedupeMinutes);
        lock (_gate)
        {
            if (now - _generationStarted >= window)
            {
                _previouslyCountedViews = _countedViews;
                _countedViews = [];
                _generationStarted = now;
            }
        }
    }

    private bool CountedWithin((Guid, Guid) view, DateTimeOffset now, TimeSpan window) =>
        (_countedViews.TryGetValue(view, out var counted) || _previouslyCountedViews.TryGetValue(view, out counted))
        && now - counted < window;
}
