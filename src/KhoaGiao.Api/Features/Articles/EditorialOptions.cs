using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Settings of the <c>Editorial</c> section.</summary>
public sealed class EditorialOptions
{
    /// <summary>How often the scheduler looks for scheduled articles whose time has come, in seconds.</summary>
    [Range(1, 86_400)]
    public int SchedulerIntervalSeconds { get; set; } = 1;

    /// <summary>Minutes a preview link stays valid.</summary>
    [Range(1, 10_080)]
    public int PreviewTokenMinutes { get; set; } = 60;

    /// <summary>
    /// How many items of one batch upsert are written at once, each in its own transaction and database connection.
    /// Items naming the same source article always run one after the other, in request order.
    /// </summary>
    [Range(1, 64)]
    public int BatchParallelism { get; set; } = 4;
}
