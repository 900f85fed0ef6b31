using KhoaGiao.Api.Features.Imports;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Features.Imports;

/// <summary>Two instances with the same scheduled source, on one database, as behind a load balancer.</summary>
public sealed class ScheduledImportTests : ImportTest
{
    private readonly List<WebApplicationFactory<Program>> _hosts = [];

    [OneTimeSetUp]
    public void StartTwoScheduledHosts()
    {
        for (var i = 0; i < 2; i++)
        {
            var host = Factory.WithWebHostBuilder(builder => builder
                .UseSetting("Imports:Sources:0:Name", "Báo Hà Nam")
                .UseSetting("Imports:Sources:0:Kind", "Rss")
                .UseSetting("Imports:Sources:0:Location", Server.Url("/rss"))
                .UseSetting("Imports:Sources:0:Category", "Tin tổng hợp")
                .UseSetting("Imports:Sources:0:Publish", "true")
                .UseSetting("Imports:Sources:0:AllowPrivateAddress", "true")
                .UseSetting("Imports:IntervalMinutes", "60"));
            _ = host.Server;
            _hosts.Add(host);
        }
    }

    [OneTimeTearDown]
    public async Task StopHostsAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task A_scheduled_source_is_imported_once_per_interval_whichever_instances_look()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), "application/rss+xml");
        var schedules = _hosts.Select(h => h.Services.GetRequiredService<ScheduledImports>()).ToList();

        var first = await Task.WhenAll(schedules.Select(s => s.RunDueAsync(CancellationToken.None)));

        Assert.That(first.Sum(ran => ran.Count), Is.EqualTo(1), "one instance ran it, the other found it running or done");
        Assert.That(first.SelectMany(ran => ran).Single().Status, Is.EqualTo(ImportRunStatus.Succeeded));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(3));

        var soon = await Task.WhenAll(schedules.Select(s => s.RunDueAsync(CancellationToken.None)));
        Assert.That(soon.Sum(ran => ran.Count), Is.Zero, "not due again within the interval");

        // The hosts' own schedules wake up too once the hour has passed: whoever runs it, it runs once.
        Factory.Clock.Advance(TimeSpan.FromMinutes(61));
        var later = await Task.WhenAll(schedules.Select(s => s.RunDueAsync(CancellationToken.None)));
        Assert.That(later.Sum(ran => ran.Count), Is.LessThanOrEqualTo(1));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<ImportRun> runs;
        do
        {
            await Task.Delay(50);
            runs = await QueryAsync(db => db.ImportRuns.AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync());
        }
        while ((runs.Count < 2 || runs.Any(r => r.Status == ImportRunStatus.Running)) && DateTime.UtcNow < deadline);

        Assert.That(runs.Select(r => (r.Trigger, r.Status, r.Created, r.Unchanged)),
            Is.EqualTo(new[] { (ImportTrigger.Schedule, ImportRunStatus.Succeeded, 3, 0), (ImportTrigger.Schedule, ImportRunStatus.Succeeded, 0, 3) }));
    }
}
