namespace KhoaGiao.Api.Features.Counters;

/// <summary>When a visitor was last seen, for "Đang online".</summary>
public sealed class VisitorActivity
{
    public Guid VisitorId { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }
}
