namespace KhoaGiao.Api.Data;

/// <summary>Settings of the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Apply pending EF Core migrations when the service starts. Run it on one process per deployment.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>
    /// Load the demo content (the seed article from Báo Hà Nam, its event and people) and one account per role with
    /// the development passwords in the README, at start-up, idempotently. For development only.
    /// </summary>
    public bool SeedDemoContent { get; set; }

    /// <summary>
    /// With a read replica (<c>ConnectionStrings:KhoaGiaoRead</c>), how often it is checked when nothing changed: a
    /// replica that stopped answering is noticed within this long, and one that answers again is used again.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int ReadReplicaCheckSeconds { get; set; } = 5;
}
