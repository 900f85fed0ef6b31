using System.Collections.Concurrent;
using System.Diagnostics;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// The counts of a run as it goes, safe to read from another thread (the command's progress bar) while the run's
/// workers add to them.
/// </summary>
public sealed class ImportProgress
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly ConcurrentQueue<ImportFailure> _failures = new();
    private int _total = -1;
    private int _seen;
    private int _created;
    private int _updated;
    private int _unchanged;
    private int _skipped;
    private int _failed;

    /// <summary>Items in the source, once the reader knows (a feed once it is read, WordPress from its first page).</summary>
    public int? Total => _total < 0 ? null : _total;

    /// <summary>Items before the position the run resumed at, done by an earlier run.</summary>
    public int Resumed { get; private set; }

    public int Seen => Volatile.Read(ref _seen);

    public int Created => Volatile.Read(ref _created);

    public int Updated => Volatile.Read(ref _updated);

    public int Unchanged => Volatile.Read(ref _unchanged);

    public int Skipped => Volatile.Read(ref _skipped);

    public int Failed => Volatile.Read(ref _failed);

    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>Items done per second since the run started.</summary>
    public double Rate => Seen / Math.Max(Elapsed.TotalSeconds, 0.001);

    /// <summary>The time left at the current rate, once the total is known.</summary>
    public TimeSpan? Remaining => Total is { } total && Seen > 0
        ? TimeSpan.FromSeconds(Math.Max(0, total - Resumed - Seen) / Rate)
        : null;

    /// <summary>The failed items, in the order they failed.</summary>
    public IReadOnlyList<ImportFailure> Failures => [.. _failures];

    /// <summary>The first <paramref name="count"/> failed items, without copying the others (a run saves them every two seconds).</summary>
    public List<ImportFailure> FirstFailures(int count) => [.. _failures.Take(count)];

    public void SetTotal(int total) => Volatile.Write(ref _total, total);

    public void SetResumed(int position) => Resumed = position;

    public void AddCreated() => Done(ref _created);

    public void AddUpdated() => Done(ref _updated);

    public void AddUnchanged() => Done(ref _unchanged);

    public void AddSkipped() => Done(ref _skipped);

    public void AddFailed(ImportFailure failure)
    {
        _failures.Enqueue(failure);
        Done(ref _failed);
    }

    private void Done(ref int count)
    {
        Interlocked.Increment(ref count);
        Interlocked.Increment(ref _seen);
    }
}
