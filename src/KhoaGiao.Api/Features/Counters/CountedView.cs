namespace KhoaGiao.Api.Features.Counters;

/// <summary>
/// When a visitor's view of an article last counted, shared by every instance: a view within
/// <see cref="CountersOptions.ViewDedupeMinutes"/> of it does not count again, whichever instance answered it. Rows
/// older than the window are pruned; no IP address is stored (the visitor id is the same as in <see cref="VisitorDay"/>).
/// </summary>
public sealed class CountedView
{
    public Guid VisitorId { get; init; }

    public Guid ArticleId { get; init; }

    public DateTimeOffset CountedAt { get; init; }

    /// <summary>The view's calendar day in Asia/Ho_Chi_Minh, the day bucket it counted in.</summary>
    public DateOnly Day { get; init; }
}
