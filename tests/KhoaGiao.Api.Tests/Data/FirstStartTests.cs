using KhoaGiao.Api.Tests.Contract;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KhoaGiao.Api.Tests.Data;

/// <summary>A newcomer's first start: an empty database is migrated without an error in the log.</summary>
public sealed class FirstStartTests
{
    [Test]
    public async Task The_first_start_on_an_empty_database_logs_no_error()
    {
        var name = $"khoagiao_first_{Guid.NewGuid():N}";
        await TestDatabase.ExecuteOnServerAsync($"CREATE DATABASE {name}");
        try
        {
            using var log = new ServerLog();
            var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = name }.ConnectionString;
            await using var configured = new KhoaGiaoApiFactory(connectionString);
            await using (var factory = configured.WithWebHostBuilder(host =>
                host.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(log)))))
            {
                using var client = factory.CreateClient();
                var ready = await client.GetAsync("/health/ready");

                Assert.That((int)ready.StatusCode, Is.EqualTo(200));
            }

            Assert.That(log.Drain().Where(entry => entry.StartsWith("Error", StringComparison.Ordinal) || entry.StartsWith("Critical", StringComparison.Ordinal)),
                Is.Empty);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }
}
