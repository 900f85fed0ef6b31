namespace KhoaGiao.Api.Features.Sync;

/// <summary>What an item's latest change left it as, seen from the delivery API.</summary>
public enum ChangeState
{
    /// <summary>Anonymous readers see it.</summary>
    Public,

    /// <summary>It exists, but only the management API shows it (a draft, a scheduled article, an unpublished event).</summary>
    Hidden,

    /// <summary>It is gone (deleted, or merged into another item): a tombstone until the retention passes.</summary>
    Deleted,
}
