using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Contract;

public sealed class MigrationTests : ApiTest
{
    [Test]
    public async Task The_model_has_no_changes_missing_from_the_committed_migrations() =>
        Assert.That(await QueryAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())), Is.False);

    [Test]
    public async Task Every_committed_migration_is_applied_at_start_up() =>
        Assert.That(await QueryAsync(db => db.Database.GetPendingMigrationsAsync()), Is.Empty);

    [Test]
    public void No_migration_adds_an_xmin_column()
    {
        var migrations = Directory.GetFiles(
            Path.Combine(TestDatabase.RepositoryRoot(), "src", "KhoaGiao.Api", "Data", "Migrations"), "*.cs")
            .Where(f => !f.EndsWith(".Designer.cs", StringComparison.Ordinal) && !f.EndsWith("ModelSnapshot.cs", StringComparison.Ordinal));

        // xmin is PostgreSQL's system column used as the concurrency token; adding it fails (efcore.pg#3854).
        Assert.That(migrations.Where(f => File.ReadAllText(f).Contains("\"xmin\"") || File.ReadAllText(f).Contains("xmin =")), Is.Empty);
    }
}
