namespace KhoaGiao.Api.Features.Counters;

/// <summary>
/// A batch of hits already written. The flush statement inserts its batch id first and applies the counts only
/// if that insert happened, so retrying a batch whose first attempt did reach the database counts nothing twice.
/// </summary>
public sealed class CounterFlush
{
    public Guid Id { get; init; }

    public DateTimeOffset FlushedAt { get; init; }
}
