using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using static KhoaGiao.Api.Tests.Features.Counters.CounterTestSupport;

namespace KhoaGiao.Api.Tests.Features.Counters;

public sealed class VisitorStatsTests : ApiTest
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>Moves the fake clock forward to the next given local weekday and time (the clock cannot go back).</summary>
    private static void MoveClockTo(DayOfWeek day, int hour, int minute)
    {
        var local = Factory.Clock.GetUtcNow().ToOffset(Vietnam).Date.AddDays(1);
        while (local.DayOfWeek != day)
        {
            local = local.AddDays(1);
        }

        Factory.Clock.SetUtcNow(new DateTimeOffset(local.AddHours(hour).AddMinutes(minute), Vietnam).ToUniversalTime());
    }

    private static async Task<JsonObject> StatsAsync()
    {
        await TestDatabase.EvictDeliveryCacheAsync();
        using var client = Anonymous();
        var response = await client.GetAsync("/api/v1/stats/visitors");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var stats = await ReadJsonAsync(response);
        Assert.That(stats["today"]!.GetValue<long>(), Is.LessThanOrEqualTo(stats["thisWeek"]!.GetValue<long>()));
        Assert.That(stats["thisWeek"]!.GetValue<long>(), Is.LessThanOrEqualTo(stats["total"]!.GetValue<long>()));
        return stats;
    }

    private static async Task VisitAsync(int visitors)
    {
        using var client = Anonymous();
        for (var i = 0; i < visitors; i++)
        {
            await HitAsync(client, Guid.NewGuid());
        }

        await FlushAsync(Factory.Services);
    }

    private static long[] Numbers(JsonObject stats) =>
        [stats["today"]!.GetValue<long>(), stats["thisWeek"]!.GetValue<long>(), stats["total"]!.GetValue<long>()];

    [Test]
    public async Task Stats_roll_over_at_local_midnight_and_the_week_starts_on_Monday()
    {
        MoveClockTo(DayOfWeek.Saturday, 12, 0);
        await VisitAsync(2);
        Assert.That(Numbers(await StatsAsync()), Is.EqualTo(new long[] { 2, 2, 2 }));

        MoveClockTo(DayOfWeek.Sunday, 23, 59);
        await VisitAsync(3);
        Assert.That(Numbers(await StatsAsync()), Is.EqualTo(new long[] { 3, 5, 5 }));

        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(Numbers(await StatsAsync()), Is.EqualTo(new long[] { 0, 0, 5 }), "Monday 00:01: a new day and a new week");

        await VisitAsync(1);
        Assert.That(Numbers(await StatsAsync()), Is.EqualTo(new long[] { 1, 1, 6 }));
    }

    [Test]
    public async Task Midnight_is_Ho_Chi_Minh_midnight_not_UTC()
    {
        MoveClockTo(DayOfWeek.Wednesday, 6, 30);
        await VisitAsync(1);

        // 06:30 in Hà Nội is 23:30 UTC the day before: still one day, the Vietnamese one.
        Factory.Clock.Advance(TimeSpan.FromMinutes(60));
        await VisitAsync(1);

        Assert.That(Numbers(await StatsAsync()), Is.EqualTo(new long[] { 2, 2, 2 }));
    }

    [Test]
    public async Task The_same_visitor_is_one_visit_a_day_and_a_new_visit_the_next_day()
    {
        var visitor = Guid.NewGuid();
        using var client = Anonymous();
        MoveClockTo(DayOfWeek.Tuesday, 9, 0);
        await HitAsync(client, visitor);
        await HitAsync(client, visitor);
        await FlushAsync(Factory.Services);
        Assert.That(Numbers(await StatsAsync()), Is.EqualTo(new long[] { 1, 1, 1 }));

        Factory.Clock.Advance(TimeSpan.FromDays(1));
        await HitAsync(client, visitor);
        await FlushAsync(Factory.Services);
        Assert.That(Numbers(await StatsAsync()), Is.EqualTo(new long[] { 1, 2, 2 }));
    }

    [Test]
    public async Task Online_counts_distinct_visitors_of_the_last_five_minutes()
    {
        using var client = Anonymous();
        var regular = Guid.NewGuid();
        await HitAsync(client, regular);
        await HitAsync(client, Guid.NewGuid());
        await FlushAsync(Factory.Services);
        Assert.That((await StatsAsync())["online"]!.GetValue<long>(), Is.EqualTo(2));

        Factory.Clock.Advance(TimeSpan.FromMinutes(4));
        await HitAsync(client, regular);
        await FlushAsync(Factory.Services);
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That((await StatsAsync())["online"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Total_includes_the_configured_starting_offset()
    {
        await using var migrated = Factory.WithWebHostBuilder(builder => builder.UseSetting("Counters:TotalVisitsOffset", "100000"));
        using var client = migrated.CreateClient();
        await HitAsync(client, Guid.NewGuid());
        await FlushAsync(migrated.Services);

        var stats = await ReadJsonAsync(await client.GetAsync("/api/v1/stats/visitors"));

        Assert.That(stats["total"]!.GetValue<long>(), Is.EqualTo(100001));
        Assert.That(stats["today"]!.GetValue<long>(), Is.EqualTo(1));
    }
}
