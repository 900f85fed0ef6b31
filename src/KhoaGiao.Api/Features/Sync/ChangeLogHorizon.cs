namespace KhoaGiao.Api.Features.Sync;

/// <summary>
/// How far tombstones have been purged: the highest feed position removed. A client resuming from before it may
/// have missed a deletion, so it gets 410 and resyncs from the start. One row, created by the first purge.
/// </summary>
public sealed class ChangeLogHorizon
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;

    public long Xid { get; set; }

    public long Seq { get; set; }

    public DateTimeOffset PurgedAt { get; set; }
}
