
namespace KhoaGiao.Api.Data;

/// <summary>
/// <c>dotnet KhoaGiao.Api.dll migrate</c>: prepares the database for this version and exits, as a deployment's one
/// step before the new version starts (a Kubernetes Job, the compose file's migration container), so no instance
/// of the service has to migrate on start (<c>Database:MigrateOnStartup</c>, off by default). Applies the pending
/// migrations, then loads the demo content when <c>Database:SeedDemoContent</c> says so. Several at once are safe:
/// EF Core holds a lock on the migration history while it migrates.
/// </summary>
public static class MigrateCommand
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int WrongArguments = 64;

    public const string Usage = """
        Usage: dotnet KhoaGiao.Api.dll migrate

        Applies the database migrations this version needs and exits; with Database__SeedDemoContent=true, also loads
        the demo content. Reads the service's settings (ConnectionStrings__KhoaGiao above all).
        Exit codes: 0 done (or nothing to do), 1 failed, 64 wrong arguments.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help" or "-h"])
        {
            Console.WriteLine(Usage);
            return Succeeded;
        }

        if (args.Length > 0)
        {
            await Console.Error.WriteLineAsync($"Unknown argument '{args[0]}'.");
            await Console.Error.WriteLineAsync(Usage);
            return WrongArguments;
        }

        try
        {
            // The arguments stay out of the configuration, as for the import command.
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
            builder.Logging.ClearProviders().AddSimpleConsole(options => options.SingleLine = true)
                .AddFilter((category, level) => level >= LogLevel.Warning && category?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) != true);
            builder.AddKhoaGiaoCore();
            await using var app = builder.Build();

            var applied = await app.MigrateDatabaseAsync();
            Console.WriteLine(applied.Count == 0
                ? "migrate: the database is up to date; nothing to apply."
                : $"migrate: applied {applied.Count} migration(s): {string.Join(", ", applied)}.");

            if (await app.SeedDemoContentAsync())
            {
                Console.WriteLine("migrate: demo content loaded (Database:SeedDemoContent).");
            }

            return Succeeded;
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"migrate: failed: {exception.GetBaseException().Message}");
            return Failed;
        }
    }
}
