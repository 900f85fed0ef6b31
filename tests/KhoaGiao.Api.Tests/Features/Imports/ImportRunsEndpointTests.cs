using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Imports;

public sealed class ImportRunsEndpointTests : ImportTest
{
    [Test]
    public async Task Runs_are_listed_newest_first_and_filtered_by_source_and_status()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), "application/rss+xml");
        Server.Serve("/broken?token=bi-mat", Fixture("malformed.rss.xml"), "application/rss+xml");
        await ImportAsync(Source(ImportKind.Rss, Server.Url("/rss")));
        await ImportAsync(Source(ImportKind.Rss, Server.Url("/broken?token=bi-mat")));
        await ImportAsync(Source(ImportKind.JsonLines, FixturePath("articles.jsonl"), name: "Cổng cũ"));
        using var client = await WithScopesAsync("content:write");

        var all = await client.GetFromJsonAsync<JsonObject>("/api/v1/admin/imports");
        var items = all!["items"]!.AsArray();
        Assert.That(items.Select(i => i!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "completedWithFailures", "failed", "succeeded" }));
        var failed = items[1]!;
        Assert.Multiple(() =>
        {
            Assert.That(failed["sourceName"]!.GetValue<string>(), Is.EqualTo("Báo Hà Nam"));
            Assert.That(failed["kind"]!.GetValue<string>(), Is.EqualTo("rss"));
            Assert.That(failed["trigger"]!.GetValue<string>(), Is.EqualTo("command"));
            Assert.That(failed["location"]!.GetValue<string>(), Is.EqualTo(Server.Url("/broken")), "the query string may hold a key");
            Assert.That(items[0]!["location"]!.GetValue<string>(), Is.EqualTo("articles.jsonl"), "a file by its name, not the machine's path");
            Assert.That(failed["error"]!.GetValue<string>(), Does.Contain("is not a well-formed feed"));
            Assert.That(failed["finishedAt"], Is.Not.Null);
            Assert.That(items[2]!["created"]!.GetValue<int>(), Is.EqualTo(3));
        });

        var bySource = await client.GetFromJsonAsync<JsonObject>("/api/v1/admin/imports?source=bao%20ha%20nam");
        Assert.That(bySource!["items"]!.AsArray().Count, Is.EqualTo(2), "the source name matched folded");
        var byStatus = await client.GetFromJsonAsync<JsonObject>("/api/v1/admin/imports?status=Failed");
        Assert.That(byStatus!["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>(), Is.EqualTo(failed["id"]!.GetValue<Guid>()));
        var firstPage = await client.GetFromJsonAsync<JsonObject>("/api/v1/admin/imports?limit=2");
        var secondPage = await client.GetFromJsonAsync<JsonObject>($"/api/v1/admin/imports?limit=2&cursor={firstPage!["nextCursor"]}");
        Assert.That(secondPage!["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>(), Is.EqualTo(items[2]!["id"]!.GetValue<Guid>()));
    }

    [Test]
    public async Task A_run_is_read_with_its_failures()
    {
        await ImportAsync(Source(ImportKind.JsonLines, FixturePath("articles.jsonl"), name: "Cổng cũ"));
        var id = await QueryAsync(db => db.ImportRuns.Select(r => r.Id).SingleAsync());
        using var client = await WithScopesAsync("content:write");

        var run = await client.GetFromJsonAsync<JsonObject>($"/api/v1/admin/imports/{id}");

        Assert.That(run!["failed"]!.GetValue<int>(), Is.EqualTo(3));
        var failures = run["failures"]!.AsArray();
        Assert.That(failures.Select(f => f!["position"]!.GetValue<int>()), Is.EquivalentTo(new[] { 2, 3, 4 }));
        Assert.That(failures.Single(f => f!["position"]!.GetValue<int>() == 3)!["externalId"]!.GetValue<string>(), Is.EqualTo("old-4"));
    }

    [Test]
    public async Task An_unknown_run_is_a_404_problem()
    {
        using var client = await WithScopesAsync("content:write");

        await AssertProblemAsync(await client.GetAsync($"/api/v1/admin/imports/{Guid.NewGuid()}"), 404);
    }

    [TestCase("status=done", "status")]
    [TestCase("limit=0", "limit")]
    [TestCase("cursor=khong-phai-con-tro", "cursor")]
    public async Task A_bad_query_is_a_validation_problem_and_changes_nothing(string query, string field)
    {
        await ImportAsync(Source(ImportKind.JsonLines, FixturePath("articles.jsonl"), name: "Cổng cũ"));
        var before = await QueryAsync(db => db.ImportRuns.AsNoTracking().Select(r => new { r.Id, r.Status, r.UpdatedAt }).ToListAsync());
        using var client = await WithScopesAsync("content:write");

        var problem = await AssertProblemAsync(await client.GetAsync($"/api/v1/admin/imports?{query}"), 400);

        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { field }));
        var after = await QueryAsync(db => db.ImportRuns.AsNoTracking().Select(r => new { r.Id, r.Status, r.UpdatedAt }).ToListAsync());
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task A_run_whose_process_died_is_marked_interrupted_and_resumed_by_the_next()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), "application/rss+xml");
        var location = Server.Url("/rss");
        var dead = Guid.CreateVersion7();
        await QueryAsync(async db =>
        {
            var now = Factory.Clock.GetUtcNow();
            db.ImportRuns.Add(new ImportRun
            {
                Id = dead, SourceName = "Báo Hà Nam", SourceKey = "bao ha nam", Kind = ImportKind.Rss, Location = location,
                Status = ImportRunStatus.Running, StartedAt = now, UpdatedAt = now, Seen = 2, Created = 2,
            });
            db.ImportCheckpoints.Add(new ImportCheckpoint { SourceKey = "bao ha nam", Location = location, Position = 2, RunId = dead, UpdatedAt = now });
            return await db.SaveChangesAsync();
        });

        var (outcome, progress) = await ImportAsync(Source(ImportKind.Rss, location));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.Succeeded));
        AssertCounts(progress, created: 1);
        Assert.That((await ArticlesOfAsync()).Keys, Is.EqualTo(new[] { "bhn-1003" }), "only the item after the checkpoint");
        Assert.That(await QueryAsync(db => db.ImportRuns.Where(r => r.Id == dead).Select(r => r.Status).SingleAsync()),
            Is.EqualTo(ImportRunStatus.Interrupted));
    }
}
