using KhoaGiao.Api.Data.Demo;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Data;

public static class DataServices
{
    /// <summary>Name of the connection string (<c>ConnectionStrings__KhoaGiao</c> in the environment).</summary>
    public const string ConnectionStringName = "KhoaGiao";

    public static WebApplicationBuilder AddKhoaGiaoData(this WebApplicationBuilder builder)
    {
        builder.Services.AddDbContextPool<KhoaGiaoDbContext>((services, options) => options
            .UseNpgsql(ConnectionString(services.GetRequiredService<IConfiguration>()))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<Features.Sync.ChangeCommitInterceptor>()));
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
    /// The configured connection string, with automatic preparation on unless it says otherwise: every write runs the
    /// same dozen statements, and PostgreSQL then skips parsing and planning them (a fifth of a bulk import's time).
    /// A pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21) needs
    /// <c>Max Auto Prepare=0</c> in the connection string.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is missing: set ConnectionStrings__{ConnectionStringName}.");
        // NpgsqlConnectionStringBuilder answers ContainsKey for every keyword it knows; the plain builder holds only those given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        if (given.ContainsKey("Max Auto Prepare"))
        {
            return configured;
        }

        return new NpgsqlConnectionStringBuilder(configured) { MaxAutoPrepare = 200 }.ConnectionString;
    }

    /// <summary>Migrates and seeds, as configured, before the service takes requests.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ConnectionString(app.Configuration);
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        if (options.MigrateOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>().Database.MigrateAsync();
        }

        if (options.SeedDemoContent)
        {
            await scope.ServiceProvider.GetRequiredService<DemoContentSeeder>().SeedAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<DemoUserSeeder>().SeedAsync();
        }
    }
}
