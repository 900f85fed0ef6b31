using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KhoaGiao.Api.Tests.Features.Articles;

/// <summary>
/// Scheduled publishing with two instances on one database, each running its own scheduler on the clock both read:
/// an article scheduled through one is published once when its time comes, whichever scheduler takes it (each pass
/// locks the due rows with <c>FOR UPDATE SKIP LOCKED</c>), and the other instance serves it.
/// </summary>
public sealed class SchedulingAcrossInstancesTests : TwoInstanceTest
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(10);

    protected override Task OnSecondInstanceStartedAsync() =>
        Second.Services.GetRequiredService<ChangeListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The database was emptied behind B's back too: start B from an empty cache, as A starts.</summary>
    [SetUp]
    public Task EmptySecondInstanceCacheAsync() =>
        Second.Services.GetRequiredService<DeliveryCacheEviction>().EvictAsync(CancellationToken.None).AsTask();

    /// <summary>
    /// Moves the clock by the schedulers' interval, so the background loops of both instances start a pass at the same
    /// moment, while the test holds the articles table: both passes wait for it (the test sees both waiting), then
    /// race for the due article when it is released. The test waits for both passes to end before it counts.
    /// </summary>
    [Test]
    public async Task An_article_scheduled_on_one_instance_is_published_once_by_both_schedulers_and_served_by_the_other()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin hẹn giờ trên hai máy"));
        var id = article["id"]!.GetValue<Guid>();
        var publishAt = Factory.Clock.GetUtcNow().AddMinutes(30);
        var scheduled = await admin.PostAsJsonAsync($"/api/v1/admin/articles/{id}/publish", new { publishedAt = publishAt });
        Assert.That((await ReadJsonAsync(scheduled))["status"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        using var reader = Second.CreateClient();
        var path = $"/api/v1/articles/{article["slug"]}";
        await AssertProblemAsync(await reader.GetAsync(path), 404);
        var interval = TimeSpan.FromSeconds(Factory.Services.GetRequiredService<IOptions<EditorialOptions>>().Value.SchedulerIntervalSeconds);
        Assert.That(interval, Is.GreaterThan(TimeSpan.FromMinutes(30)), "the test's clock move would not reach the scheduled time");

        IReadOnlyList<Pass> passes;
        await using (var holder = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE articles IN EXCLUSIVE MODE", holder, hold))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            Factory.Clock.Advance(interval);
            passes = await WaitForWaitingPassesAsync(count: 2);
            await hold.CommitAsync();
        }

        await WaitForPassesToEndAsync(passes);
        var stored = await QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => new { a.Status, a.PublishedAt }).SingleAsync());
        Assert.That(stored.Status, Is.EqualTo(ArticleStatus.Published));
        Assert.That(stored.PublishedAt, Is.EqualTo(publishAt).Within(TimeSpan.FromMilliseconds(1)));
        var revisions = await QueryAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id && r.Action == "published").ToListAsync());
        Assert.That(revisions.Select(r => r.ActorId), Is.EqualTo(new[] { "scheduler" }), "published revisions");
        var audit = await QueryAsync(db => db.AuditEntries.Where(e => e.Action == "article.published" && e.TargetId == id.ToString()).ToListAsync());
        Assert.That(audit, Has.Count.EqualTo(1), "audit entries of the publication");
        Assert.That(audit[0].Details, Does.EndWith("by schedule"));

        // The change log keeps one row per item; a second publication would have recorded "public" after "public".
        var change = await QueryAsync(db => db.Changes.SingleAsync(c => c.EntityId == id));
        Assert.That((change.State, change.PreviousState), Is.EqualTo((ChangeState.Public, (ChangeState?)ChangeState.Hidden)));
        var served = await PollAsync(async () => (await reader.GetAsync(path)).StatusCode == HttpStatusCode.OK);
        Assert.That(served, Is.True, "B did not serve the article the scheduler published");
        var onB = await ReadJsonAsync(await reader.GetAsync(path));
        Assert.That(onB["id"]!.GetValue<Guid>(), Is.EqualTo(id));
        Assert.That(onB["publishedAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(publishAt).Within(TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task Passes_of_both_instances_at_once_publish_every_due_article_exactly_once()
    {
        using var admin = Admin();
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request($"Tin hẹn giờ số {i}"));
            var scheduled = await admin.PostAsJsonAsync($"/api/v1/admin/articles/{article["id"]}/publish",
                new { publishedAt = Factory.Clock.GetUtcNow().AddSeconds(5) });
            Assert.That(scheduled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            ids.Add(article["id"]!.GetValue<Guid>());
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(10));
        var counts = await Task.WhenAll(
            Factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None),
            Second.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None));

        Assert.That(counts.Sum(), Is.EqualTo(ids.Count), $"published by A and B: {counts[0]} and {counts[1]}");
        Assert.That(await QueryAsync(db => db.Articles.CountAsync(a => a.Status == ArticleStatus.Published)), Is.EqualTo(ids.Count));
        var revised = await QueryAsync(db => db.ArticleRevisions.Where(r => r.Action == "published").Select(r => r.ArticleId).ToListAsync());
        Assert.That(revised, Is.EquivalentTo(ids));
        var audited = await QueryAsync(db => db.AuditEntries.Where(e => e.Action == "article.published").Select(e => e.TargetId).ToListAsync());
        Assert.That(audited, Is.EquivalentTo(ids.Select(id => id.ToString())));
    }

    /// <summary>A scheduler pass seen in the database: its backend and when its transaction started.</summary>
    private sealed record Pass(int Pid, DateTime TransactionStart);

    /// <summary>
    /// Polls until this many transactions wait for the articles table the test holds (nothing else writes articles
    /// meanwhile, so they are the schedulers' passes); fails with how many did after <see cref="GiveUpAfter"/>.
    /// </summary>
    private static async Task<IReadOnlyList<Pass>> WaitForWaitingPassesAsync(int count)
    {
        await using var watcher = new NpgsqlConnection(TestDatabase.ConnectionString);
        await watcher.OpenAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var waiting = new List<Pass>();
            await using (var query = new NpgsqlCommand("""
                SELECT DISTINCT a.pid, a.xact_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE a.datname = current_database() AND l.relation = 'articles'::regclass AND NOT l.granted
                """, watcher))
            await using (var rows = await query.ExecuteReaderAsync())
            {
                while (await rows.ReadAsync())
                {
                    waiting.Add(new Pass(rows.GetInt32(0), rows.GetDateTime(1)));
                }
            }

            if (waiting.Count >= count)
            {
                return waiting;
            }

            if (clock.Elapsed > GiveUpAfter)
            {
                Assert.Fail($"{waiting.Count} of the {count} instances' schedulers started a pass when the clock reached their interval");
            }

            await Task.Delay(PollEvery);
        }
    }

    /// <summary>Polls until each pass's transaction has ended (its backend is in no transaction, or a later one).</summary>
    private static async Task WaitForPassesToEndAsync(IReadOnlyList<Pass> passes)
    {
        await using var watcher = new NpgsqlConnection(TestDatabase.ConnectionString);
        await watcher.OpenAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var running = 0;
            foreach (var pass in passes)
            {
                await using var query = new NpgsqlCommand("SELECT xact_start FROM pg_stat_activity WHERE pid = @pid", watcher);
                query.Parameters.AddWithValue("pid", pass.Pid);
                if (await query.ExecuteScalarAsync() is DateTime start && start == pass.TransactionStart)
                {
                    running++;
                }
            }

            if (running == 0)
            {
                return;
            }

            if (clock.Elapsed > GiveUpAfter)
            {
                Assert.Fail($"{running} scheduler passes were still running {GiveUpAfter.TotalSeconds} s after the table was released");
            }

            await Task.Delay(PollEvery);
        }
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > GiveUpAfter)
            {
                return false;
            }

            await Task.Delay(PollEvery);
        }

        return true;
    }
}
