namespace KhoaGiao.Api.Data;

/// <summary>Settings of the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Apply pending EF Core migrations when the service starts. Run it on one process per deployment.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Load the demo content (the seed article from Báo Hà Nam) at start-up, idempotently.</summary>
    public bool SeedDemoContent { get; set; }
}
