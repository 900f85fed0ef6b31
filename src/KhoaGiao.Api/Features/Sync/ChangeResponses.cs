namespace KhoaGiao.Api.Features.Sync;

/// <summary>What a change did to an item, for the reader of the feed.</summary>
public enum ChangeOperation
{
    /// <summary>The item is new or changed: <c>item</c> holds its whole current representation.</summary>
    Upsert,

    /// <summary>The item is gone from this feed's view (deleted, merged away, or no longer public): drop it.</summary>
    Delete,
}

/// <summary>One entry of the delta feed: the latest change of one item.</summary>
public sealed record ChangeResponse
{
    /// <summary>The change's sequence number: unique, and larger for later changes of the same item.</summary>
    /// <example>1042</example>
    public long Seq { get; init; }

    /// <example>article</example>
    public ChangeType Type { get; init; }

    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <summary>The item's slug (its last one, for a delete); null for people.</summary>
    /// <example>toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public string? Slug { get; init; }

    /// <example>upsert</example>
    public ChangeOperation Op { get; init; }

    /// <summary>When the change was made.</summary>
    /// <example>2023-08-16T15:30:00+07:00</example>
    public DateTimeOffset At { get; init; }

    /// <summary>
    /// For an upsert, the item as its own endpoint returns it (<c>GET /api/v1/articles/{id}</c>, <c>/events/{id}</c>,
    /// <c>/people/{id}</c>; the management versions in the admin feed); null for a delete.
    /// </summary>
    public object? Item { get; init; }
}

/// <summary>A page of the delta feed.</summary>
public sealed record ChangePageResponse
{
    [OpenApi.MostItems(ListChangesQueryValidator.MaxLimit)]
    public required IReadOnlyList<ChangeResponse> Items { get; init; }

    /// <summary>
    /// Where to resume: pass it as <c>since</c> on the next call. Always given, also on an empty page; an empty
    /// page means the client is up to date (poll again later with the same cursor).
    /// </summary>
    /// <example>AAAAAAAAAu4AAAAAAAAEEg</example>
    [OpenApi.Longest(Http.ValidationRules.CursorMaxLength)]
    public required string NextCursor { get; init; }
}
