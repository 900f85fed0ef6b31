using System.Diagnostics;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>
/// One database for the whole run, on the PostgreSQL server named by <c>KHOAGIAO_TEST_POSTGRES</c> (or the
/// private cluster <c>deploy/local-postgres.sh</c> provisions), migrated by the app's own start-up and dropped
/// at the end. Tests reset it with Respawn before each test, so their order never matters.
/// </summary>
public static class TestDatabase
{
    private static KhoaGiaoApiFactory? _factory;
    private static Respawner? _respawner;
    private static string? _serverConnectionString;
    private static string? _databaseName;

    /// <summary>The server-level (superuser) connection string, for tests that make the database unavailable.</summary>
    public static string ServerConnectionString => _serverConnectionString ?? throw new InvalidOperationException("Not started.");

    public static string DatabaseName => _databaseName ?? throw new InvalidOperationException("Not started.");

    public static KhoaGiaoApiFactory Factory => _factory ?? throw new InvalidOperationException("The test host is not started.");

    public static string ConnectionString { get; private set; } = "";

    public static async Task StartAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable("KHOAGIAO_TEST_POSTGRES") ?? ProvisionLocalServer();
        _databaseName = $"khoagiao_test_{Guid.NewGuid():N}";
        await using (var server = new NpgsqlConnection(_serverConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_databaseName}", server);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _databaseName }.ConnectionString;
        _factory = new KhoaGiaoApiFactory(ConnectionString);
        _ = _factory.Server;

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // The Data Protection key ring outlives every test, as in production: an instance keeps its keys in memory,
            // and one started later must find them to read the tokens the first one signs.
            TablesToIgnore = ["__EFMigrationsHistory", "roles", "data_protection_keys"],
        });
    }

    /// <summary>Runs one statement on the server as its superuser (creating or dropping a database of a test's own).</summary>
    public static async Task ExecuteOnServerAsync(string sql)
    {
        await using var server = new NpgsqlConnection(ServerConnectionString);
        await server.OpenAsync();
        await using var command = new NpgsqlCommand(sql, server);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Writes hits a previous test left in memory, then empties every table and the delivery cache.</summary>
    public static async Task ResetAsync()
    {
        await Factory.Services.GetRequiredService<HitFlusher>().FlushAsync(CancellationToken.None);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            // A webhook delivery a previous test started may still be writing its attempt: the truncation can deadlock with
            // it and be the one PostgreSQL cancels; then it runs again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await _respawner!.ResetAsync(connection);
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
                {
                }
            }
        }

        await EvictDeliveryCacheAsync();
        if (DateTimeOffset.UtcNow > Factory.Clock.GetUtcNow())
        {
            Factory.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Drops cached delivery responses, as their expiry would after the fake clock moved on.</summary>
    public static async Task EvictDeliveryCacheAsync() =>
        await Factory.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(HttpServices.ContentCacheTag, CancellationToken.None);

    /// <summary>The run's local media store, shared by every instance the tests start (as a volume they all mount).</summary>
    public static string MediaFolder { get; } = Path.Combine(Path.GetTempPath(), $"khoagiao-test-media-{Guid.NewGuid():N}");

    public static async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(MediaFolder))
        {
            Directory.Delete(MediaFolder, recursive: true);
        }

        if (_serverConnectionString is not null && _databaseName is not null)
        {
            await using var server = new NpgsqlConnection(_serverConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Runs the README's provisioning script, as the test command does, when no server was named.</summary>
    private static string ProvisionLocalServer()
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "local-postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        }) ?? throw new InvalidOperationException($"Could not start {script}.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}.");
        }

        return output.Trim().Split('\n')[^1];
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KhoaGiao.Api.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KhoaGiao.Api.sln not found above the test binaries.");
    }
}
