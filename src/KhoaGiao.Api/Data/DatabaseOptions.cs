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
}
