namespace KhoaGiao.Api.Features.Sync;

/// <summary>
/// The latest change of one item: the change log keeps a single row per item (log compaction), so reading it from
/// the start is also a full snapshot. Written by <c>ChangeLog</c> in the transaction of the change itself.
/// </summary>
public sealed class Change
{
    public ChangeType Type { get; init; }

    public Guid EntityId { get; init; }

    /// <summary>Allocated from the <c>change_seq</c> sequence by the writing transaction; unique, grows with time.</summary>
    public long Seq { get; init; }

    /// <summary>
    /// The writing transaction's id (<c>pg_current_xact_id()</c>). The feed orders by (xid, seq) and serves only
    /// transactions older than every one still running, so a late committer is never skipped.
    /// </summary>
    public long Xid { get; init; }

    /// <summary>The item's slug after the change (the last one it had, for a tombstone); null for people.</summary>
    public string? Slug { get; init; }

    public ChangeState State { get; init; }

    /// <summary>The state before this change; null when this change recorded the item for the first time.</summary>
    public ChangeState? PreviousState { get; init; }

    /// <summary>Whether readers ever saw the item: only those get a tombstone in the delivery feed.</summary>
    public bool EverPublic { get; init; }

    public DateTimeOffset ChangedAt { get; init; }
}
