using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

/// <summary>Optimistic concurrency under real contention: an edit acknowledged is never lost, a stale one never lands.</summary>
public sealed class ConcurrentEditTests : ApiTest
{
    /// <summary>How long the random editors run: a minute, thousands of collisions.</summary>
    private static readonly TimeSpan EditingFor = TimeSpan.FromMinutes(1);

    [Test]
    public async Task Fifty_parallel_edits_with_the_same_ETag_give_exactly_one_success_and_49_412s()
    {
        using var admin = Raw();
        var created = await admin.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Bài được sửa cùng lúc"));
        var id = (await ReadJsonAsync(created))["id"]!.GetValue<Guid>();
        var etag = created.Headers.ETag!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => admin.SendAsync(Put(id, etag, $"Bản sửa số {i}"))));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.PreconditionFailed), Is.EqualTo(49));
        var winner = await ReadJsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        var stored = await QueryAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.That(stored.Title, Is.EqualTo(winner["title"]!.GetValue<string>()));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == id)), Is.EqualTo(2));
    }

    [Test]
    public async Task Eight_editors_racing_for_a_minute_lose_no_acknowledged_edit()
    {
        // A key of their own: thousands of requests a second for a minute count against it, not against the
        // bootstrap key the tests after this one use (the limiter's window is a real minute).
        using var admin = await WithScopesAsync(Scopes.ContentRead, Scopes.ContentWrite);
        var created = await admin.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Bài nhiều người sửa"));
        var id = (await ReadJsonAsync(created))["id"]!.GetValue<Guid>();
        var acknowledged = new ConcurrentBag<string>();
        var refused = 0;
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async editor =>
        {
            var random = new Random(editor);
            for (var edit = 0; clock.Elapsed < EditingFor; edit++)
            {
                var current = await admin.GetAsync($"/api/v1/admin/articles/{id}");
                var etag = current.Headers.ETag!;
                await Task.Delay(random.Next(0, 5));
                var title = $"Biên tập viên {editor}, bản sửa {edit}";
                var answer = await admin.SendAsync(Put(id, etag, title));
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Add(title);
                }
                else
                {
                    Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed), await answer.Content.ReadAsStringAsync());
                    Interlocked.Increment(ref refused);
                }
            }
        }));

        var history = await QueryAsync(db => db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == id && r.Action == "updated").OrderBy(r => r.Number)
            .Select(r => r.Content.Title).ToListAsync());
        Assert.That(refused, Is.GreaterThan(0), "the editors never collided, so the test proved nothing");
        Assert.That(history, Is.EquivalentTo(acknowledged), "every acknowledged edit is one revision, and no other edit landed");
        var stored = await QueryAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.That(stored.Title, Is.EqualTo(history[^1]));
    }

    private static HttpRequestMessage Put(Guid id, EntityTagHeaderValue etag, string title)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/articles/{id}")
        {
            Content = JsonContent.Create(ArticleBuilder.Request(title)),
        };
        request.Headers.IfMatch.Add(etag);
        return request;
    }
}
