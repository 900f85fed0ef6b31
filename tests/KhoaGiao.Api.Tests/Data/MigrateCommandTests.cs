using System.Diagnostics;
using System.Text;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KhoaGiao.Api.Tests.Data;

/// <summary>
/// <c>dotnet KhoaGiao.Api.dll migrate</c>, run as a deployment runs it: the built program in a process of its own, in
/// the Production environment, on an empty database of its own.
/// </summary>
public sealed class MigrateCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Test]
    public async Task Migrate_applies_every_migration_once_then_finds_nothing_to_do_and_loads_no_demo_content()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        var migrations = AllMigrations();

        var first = await RunAsync(database.ConnectionString, ["migrate"]);
        Assert.That(first.ExitCode, Is.EqualTo(MigrateCommand.Succeeded), first.Error);
        Assert.That(first.Output, Does.Contain($"applied {migrations.Count} migration(s)").And.Contain(migrations[^1]));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\""), Is.EqualTo(migrations.Count));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM articles"), Is.Zero);
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM data_protection_keys"), Is.EqualTo(1), "the first signing key, for every replica");

        var again = await RunAsync(database.ConnectionString, ["migrate"]);
        Assert.That(again.ExitCode, Is.EqualTo(MigrateCommand.Succeeded), again.Error);
        Assert.That(again.Output, Does.Contain("up to date"));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\""), Is.EqualTo(migrations.Count));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM data_protection_keys"), Is.EqualTo(1), "a valid key is kept");
    }

    [Test]
    public async Task Two_migrations_started_together_both_succeed_and_apply_each_migration_once()
    {
        await using var database = await EmptyDatabase.CreateAsync();

        var results = await Task.WhenAll(RunAsync(database.ConnectionString, ["migrate"]), RunAsync(database.ConnectionString, ["migrate"]));

        Assert.That(results.Select(r => r.ExitCode), Is.All.EqualTo(MigrateCommand.Succeeded), string.Join("\n", results.Select(r => r.Error)));
        Assert.That(results.Count(r => r.Output.Contains($"applied {AllMigrations().Count} migration(s)")), Is.EqualTo(1));
        Assert.That(results.Count(r => r.Output.Contains("up to date")), Is.EqualTo(1));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\""), Is.EqualTo(AllMigrations().Count));
        Assert.That(await database.ScalarAsync("SELECT count(DISTINCT migration_id) FROM \"__EFMigrationsHistory\""), Is.EqualTo(AllMigrations().Count));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM data_protection_keys"), Is.EqualTo(1));
    }

    [Test]
    public async Task Migrate_loads_the_demo_content_when_the_settings_ask_for_it()
    {
        await using var database = await EmptyDatabase.CreateAsync();

        var result = await RunAsync(database.ConnectionString, ["migrate"], ("Database__SeedDemoContent", "true"));

        Assert.That(result.ExitCode, Is.EqualTo(MigrateCommand.Succeeded), result.Error);
        Assert.That(result.Output, Does.Contain("demo content loaded"));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM articles WHERE status = 'Published'"), Is.GreaterThan(0));
    }

    [Test]
    public async Task Migrate_without_a_database_fails_with_exit_code_1_and_says_why()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Host = "127.0.0.1", Port = 1, Timeout = 2 }.ConnectionString;

        var result = await RunAsync(unreachable, ["migrate"]);

        Assert.That(result.ExitCode, Is.EqualTo(MigrateCommand.Failed));
        Assert.That(result.Error, Does.StartWith("migrate: failed: "));
        Assert.That(result.Output, Does.Not.Contain("applied"));
    }

    [Test]
    public async Task Migrate_with_an_unknown_argument_prints_the_usage_and_changes_nothing()
    {
        await using var database = await EmptyDatabase.CreateAsync();

        var result = await RunAsync(database.ConnectionString, ["migrate", "--seed"]);

        Assert.That(result.ExitCode, Is.EqualTo(MigrateCommand.WrongArguments));
        Assert.That(result.Error, Does.Contain("Unknown argument '--seed'").And.Contain("Usage: dotnet KhoaGiao.Api.dll migrate"));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), Is.Zero);
    }

    private static List<string> AllMigrations()
    {
        using var scope = TestDatabase.Factory.Services.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<Api.Data.KhoaGiaoDbContext>().Database.GetMigrations()];
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string connectionString, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "KhoaGiao.Api.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__KhoaGiao"] = connectionString;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"migrate did not finish within {Timeout.TotalSeconds} s.\n{await error}\n{await output}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>A database of the test's own on the suite's server, dropped at the end.</summary>
    private sealed class EmptyDatabase : IAsyncDisposable
    {
        private readonly string _name = $"khoagiao_migrate_{Guid.NewGuid():N}";

        public string ConnectionString => new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = _name }.ConnectionString;

        public static async Task<EmptyDatabase> CreateAsync()
        {
            var database = new EmptyDatabase();
            await TestDatabase.ExecuteOnServerAsync($"CREATE DATABASE {database._name}");
            return database;
        }

        public async Task<long> ScalarAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        }
    }
}
