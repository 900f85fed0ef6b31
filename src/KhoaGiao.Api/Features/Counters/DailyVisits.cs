namespace KhoaGiao.Api.Features.Counters;

/// <summary>The number of visits on one day, kept in step with <see cref="VisitorDay"/> by the same statement.</summary>
public sealed class DailyVisits
{
    public DateOnly Day { get; init; }

    public long Visits { get; set; }
}
