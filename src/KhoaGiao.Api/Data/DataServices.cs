using KhoaGiao.Api.Data.Demo;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Data;

public static class DataServices
{
    /// <summary>Name of the connection string (<c>ConnectionStrings__KhoaGiao</c> in the environment).</summary>
    public const string ConnectionStringName = "KhoaGiao";

    public static WebApplicationBuilder AddKhoaGiaoData(this WebApplicationBuilder builder)
    {
        // Two pools of contexts: the primary's, and the read replica's when ConnectionStrings:KhoaGiaoRead names one.
        // A request's context comes from the replica's for an anonymous delivery read the replica is current for
        // (ReadReplica), else from the primary's; either returns to its pool when the request ends.
        builder.Services.AddPooledDbContextFactory<KhoaGiaoDbContext>((services, options) => options
            .UseNpgsql(ConnectionString(services.GetRequiredService<IConfiguration>()))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<Features.Sync.ChangeCommitInterceptor>(), Features.Search.ArticleSearchInterceptor.Instance));
        builder.Services.AddSingleton<ReadReplica>().AddHostedService<ReadReplicaWatcher>();
        builder.Services.AddKeyedSingleton<IDbContextFactory<KhoaGiaoDbContext>>(ReadReplica.ConnectionStringName, (services, _) =>
        {
            // The primary's model itself: compiled queries run only against the model they were compiled for.
            using var primary = services.GetRequiredService<IDbContextFactory<KhoaGiaoDbContext>>().CreateDbContext();
            return new PooledDbContextFactory<KhoaGiaoDbContext>(new DbContextOptionsBuilder<KhoaGiaoDbContext>()
                .UseNpgsql(ConnectionString(services.GetRequiredService<IConfiguration>(), ReadReplica.ConnectionStringName))
                .UseSnakeCaseNamingConvention()
                .UseModel(primary.Model)
                .Options);
        });
        builder.Services.AddScoped(services => (services.GetRequiredService<ReadReplica>().Serves(services)
            ? services.GetRequiredKeyedService<IDbContextFactory<KhoaGiaoDbContext>>(ReadReplica.ConnectionStringName)
            : services.GetRequiredService<IDbContextFactory<KhoaGiaoDbContext>>()).CreateDbContext());
        builder.AddSettings<DatabaseOptions>();
        builder.Services.AddScoped<DemoContentSeeder>().AddScoped<DemoEventSeeder>().AddScoped<DemoUserSeeder>();

        // Bearer tokens and preview links are protected with these keys; in the database, every replica shares them.
        var protection = builder.Services.AddDataProtection().SetApplicationName("KhoaGiao.Api").PersistKeysToDbContext<KhoaGiaoDbContext>();
        if (builder.Configuration["Security:KeyEncryptionCertificatePath"] is { Length: > 0 } certificatePath)
        {
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, builder.Configuration["Security:KeyEncryptionCertificatePassword"], X509KeyStorageFlags.EphemeralKeySet));
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<KhoaGiaoDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// The configured connection string, with these defaults for what it does not say:
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare=200</c>: every write runs the same dozen statements, and PostgreSQL then skips
    /// parsing and planning them (a fifth of a bulk import's time). A pooler that cannot keep prepared statements
    /// (PgBouncer in transaction mode before 1.21) needs <c>Max Auto Prepare=0</c>.</item>
    /// <item><c>No Reset On Close=true</c>: the service leaves no session state on a connection (its advisory locks
    /// end with their transactions; the one connection that <c>LISTEN</c>s is not pooled), so a pooled connection is
    /// handed out again without the four reset statements Npgsql would otherwise send first, once per write.</item>
    /// <item><c>Timeout=2</c> (seconds to connect, or to wait for a pooled connection) and <c>Command Timeout=10</c>:
    /// while the database is away, requests that need it answer 503 at once instead of hanging for Npgsql's 15 and
    /// 30 seconds. Migrations get their own, longer timeout.</item>
    /// </list>
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, string name = ConnectionStringName)
    {
        var configured = configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"Connection string '{name}' is missing: set ConnectionStrings__{name}.");

        // NpgsqlConnectionStringBuilder answers ContainsKey for every keyword it knows; the plain builder holds only those given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        var builder = new NpgsqlConnectionStringBuilder(configured);
        foreach (var (keyword, value) in ConnectionDefaults.Where(d => !given.ContainsKey(d.Keyword)))
        {
            builder[keyword] = value;
        }

        return builder.ConnectionString;
    }

    private static readonly (string Keyword, object Value)[] ConnectionDefaults =
        [("Max Auto Prepare", 200), ("No Reset On Close", true), ("Timeout", 2), ("Command Timeout", 10)];

    /// <summary>How long a migration statement may run: rewriting a large table takes longer than any request may.</summary>
    private static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Migrates and seeds, as configured, before the service takes requests.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ConnectionString(app.Configuration);
        if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await app.MigrateDatabaseAsync();
        }

        await app.SeedDemoContentAsync();
    }

    /// <summary>
    /// Applies the pending migrations, one process at a time: several instances starting with
    /// <c>Database:MigrateOnStartup</c>, or two <c>migrate</c> commands, would otherwise each find the same migrations
    /// pending and run them twice (EF Core's own migration lock did not stop that on PostgreSQL).
    /// </summary>
    /// <returns>The migrations this call applied.</returns>
    public static async Task<IReadOnlyList<string>> MigrateDatabaseAsync(this WebApplication app)
    {
        await using var migrationLock = await AdvisoryLocks.HoldSessionLockAsync(
            app.Configuration, AdvisoryLocks.Migrations, "migrations", wait: true, CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        db.Database.SetCommandTimeout(MigrationCommandTimeout);

        // On an empty database EF Core reads the history table before creating it and logs that failed read as
        // an error; creating it first (as the migration would) keeps a first start's log free of failures.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        CreateFirstProtectionKey(app.Services);
        return pending;
    }

    /// <summary>
    /// Creates the first Data Protection key (what signs bearer tokens and preview links) when the database holds
    /// none that is valid now, still under the migration lock. Replicas that started together on a new database would
    /// otherwise each make a key of their own, and read the others' only at their key ring's next refresh (up to a
    /// day): a token signed by one would be refused by the next. Later keys are made ahead of their activation, so
    /// every replica knows them in time.
    /// </summary>
    private static void CreateFirstProtectionKey(IServiceProvider services)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            var lifetime = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime;
            keys.CreateNewKey(now, now + lifetime);
        }
    }

    /// <summary>Loads the demo content when <c>Database:SeedDemoContent</c> says so (idempotent); whether it did.</summary>
    public static async Task<bool> SeedDemoContentAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDemoContent)
        {
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoContentSeeder>().SeedAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DemoUserSeeder>().SeedAsync();
        return true;
    }
}
