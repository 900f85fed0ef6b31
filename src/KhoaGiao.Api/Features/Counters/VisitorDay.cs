namespace KhoaGiao.Api.Features.Counters;

/// <summary>
/// One visit: one visitor on one calendar day in Asia/Ho_Chi_Minh. The visitor is the client's own random id
/// or a keyed hash of IP address and User-Agent whose key changes daily; no IP address is stored.
/// </summary>
public sealed class VisitorDay
{
    public DateOnly Day { get; init; }

    public Guid VisitorId { get; init; }
}
