using System.Net;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static KhoaGiao.Api.Tests.Features.Counters.CounterTestSupport;

namespace KhoaGiao.Api.Tests.Features.Counters;

public sealed class CounterFaultTests : ApiTest
{
    private static async Task SetConnectionsAllowedAsync(bool allowed)
    {
        await using var server = new NpgsqlConnection(TestDatabase.ServerConnectionString);
        await server.OpenAsync();
        var name = TestDatabase.DatabaseName;
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {name} ALLOW_CONNECTIONS {allowed}", server))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (!allowed)
        {
            await using var terminate = new NpgsqlCommand(
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()", server);
            await terminate.ExecuteNonQueryAsync();
        }
    }

    [Test]
    public async Task Hits_buffered_while_the_database_is_down_are_written_once_it_is_back()
    {
        using var admin = Admin();
        var article = (await ArticleBuilder.CreatePublishedAsync(admin, "Bài giữa sự cố", Factory.Clock.GetUtcNow().AddMinutes(-1)))["id"]!.GetValue<Guid>();
        using var client = Anonymous();
        await HitAsync(client, Guid.NewGuid(), article);
        var flusher = Factory.Services.GetRequiredService<HitFlusher>();
        var buffer = Factory.Services.GetRequiredService<HitBuffer>();

        await SetConnectionsAllowedAsync(false);
        try
        {
            var accepted = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => HitAsync(client, Guid.NewGuid(), article)));
            Assert.That(accepted.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await flusher.FlushAsync(CancellationToken.None), Is.False);
            Assert.That(await flusher.FlushAsync(CancellationToken.None), Is.False);
            Assert.That(buffer.PendingEntries, Is.GreaterThan(0));
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }

        NpgsqlConnection.ClearAllPools();
        await FlushAsync(Factory.Services);

        Assert.That(buffer.PendingEntries, Is.Zero);
        Assert.That(await QueryAsync(db => db.ArticleViewTotals.Select(t => t.Views).SingleAsync()), Is.EqualTo(21));
        Assert.That(await QueryAsync(db => db.DailyVisits.SumAsync(d => d.Visits)), Is.EqualTo(21));
        Assert.That(await QueryAsync(db => db.CounterFlushes.CountAsync()), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task A_retried_batch_that_was_already_written_is_not_counted_twice()
    {
        using var client = Anonymous();
        await HitAsync(client, Guid.NewGuid());
        var buffer = Factory.Services.GetRequiredService<HitBuffer>();
        var batch = buffer.TakeAll().Single();
        buffer.ReturnFailed([batch]);
        await FlushAsync(Factory.Services);

        // The same batch again, as after a flush whose answer was lost on the way back.
        buffer.ReturnFailed([batch]);
        await FlushAsync(Factory.Services);

        Assert.That(await QueryAsync(db => db.DailyVisits.SumAsync(d => d.Visits)), Is.EqualTo(1));
    }

    [Test]
    public async Task RecordHit_past_the_pending_limit_answers_503_with_Retry_After_and_counts_what_it_accepted()
    {
        await using var small = Factory.WithWebHostBuilder(builder => builder.UseSetting("Counters:MaxPendingEntries", "4"));
        using var client = small.CreateClient();

        var first = await HitAsync(client, Guid.NewGuid());
        var second = await HitAsync(client, Guid.NewGuid());
        var third = await HitAsync(client, Guid.NewGuid());

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await AssertProblemAsync(third, 503);
        Assert.That(third.Headers.RetryAfter, Is.Not.Null);

        await FlushAsync(small.Services);
        Assert.That(await QueryAsync(db => db.DailyVisits.SumAsync(d => d.Visits)), Is.EqualTo(2));
        Assert.That((await HitAsync(client, Guid.NewGuid())).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task Stopping_the_service_flushes_what_is_pending()
    {
        var stopping = Factory.WithWebHostBuilder(builder => builder.UseSetting("Counters:FlushIntervalMilliseconds", "3600000"));
        using (var client = stopping.CreateClient())
        {
            await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => HitAsync(client, Guid.NewGuid())));
        }

        Assert.That(await QueryAsync(db => db.VisitorDays.CountAsync()), Is.Zero);
        await stopping.DisposeAsync();

        Assert.That(await QueryAsync(db => db.VisitorDays.CountAsync()), Is.EqualTo(5));
    }
}
