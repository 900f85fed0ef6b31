using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>The real service over a real database; only configuration and the clock are replaced.</summary>
public sealed class KhoaGiaoApiFactory(string connectionString) : WebApplicationFactory<Program>
{
    public const string BootstrapAdminKey = "test-bootstrap-admin-key-3f9c2a";
    public const string AllowedManagementOrigin = "https://bientap.khoagiao.example";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:KhoaGiao", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedDemoContent", "false");
        builder.UseSetting("Security:BootstrapAdminKey", BootstrapAdminKey);
        builder.UseSetting("Http:ManagementCorsOrigins:0", AllowedManagementOrigin);
        builder.UseSetting("Http:MaxRequestBodyBytes", "65536");
        builder.UseSetting("Media:LocalPath", TestDatabase.MediaFolder);
        builder.UseSetting("Http:ManagementRequestsPerMinute", "1000000");

        // Every test client shares one address and the limiters count real minutes, so the suite's sign-ins would
        // trip the production limits; the rate-limit tests start their own app with small limits.
        builder.UseSetting("Accounts:LoginAttemptsPerMinutePerIp", "100000");
        builder.UseSetting("Accounts:LoginAttemptsPerMinutePerAccount", "100000");
        builder.UseSetting("Counters:VisitorHashKey", "test-visitor-hash-key");

        // Tests run the scheduler's and the purgers' passes themselves, so moving the fake clock does not race them with it.
        builder.UseSetting("Editorial:SchedulerIntervalSeconds", "86400");
        builder.UseSetting("Idempotency:PurgeIntervalMinutes", "10080");
        builder.UseSetting("Sync:PurgeIntervalMinutes", "10080");
        // Each test has its own data: search reads the words' frequencies afresh every time.
        builder.UseSetting("Search:StatisticsLifetimeSeconds", "0");
        // Import sources are Kestrel on loopback: no pause between pages, and retries at once (the retry pipeline's
        // timers run on the fake clock, which only moves when something reads it).
        builder.UseSetting("Imports:DelayMilliseconds", "0");
        builder.UseSetting("Imports:RetryDelayMilliseconds", "0");
        builder.UseSetting("Imports:TimeoutSeconds", "5");

        // Webhook receivers are Kestrel on loopback, reached by a name only the tests' resolver knows and only their
        // settings admit; every other internal address stays refused, as in production.
        builder.UseSetting("Webhooks:AllowHttp", "true");
        builder.UseSetting("Webhooks:AllowedHosts:0", TestHostResolver.ReceiverHost);
        builder.ConfigureTestServices(services => services
            .Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock))
            .Replace(ServiceDescriptor.Singleton<Api.Http.IHostResolver, TestHostResolver>())
            .AddSingleton<IStartupFilter, LeakWatch.StartupFilter>());
    }
}
