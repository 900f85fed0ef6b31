using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Features.Articles;

/// <summary>
/// How many commands a write sends to PostgreSQL, counted from Npgsql's own trace of each command (a batch of
/// statements is one command, one round trip; the COMMIT that ends the write is not traced and comes on top). The
/// bounds are what the work needs today (docs/benchmarks.md#writes), so a change that adds a round trip to every
/// write has to say why here.
/// </summary>
[NonParallelizable]
public sealed class WriteRoundTripTests : ApiTest
{
    [Test]
    public async Task Creating_an_article_takes_four_commands_and_publishing_it_five()
    {
        using var admin = Raw();
        await WarmUpAsync(admin);

        var (created, createCommands) = await CountingAsync(admin, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/articles")
        {
            Content = JsonContent.Create(new
            {
                title = "Tọa đàm khoa giáo", summary = "Tóm tắt.", body = "<p>Nội dung.</p>", category = "Tin tức", tags = new[] { "Khoa giáo", "Tọa đàm" },
            }),
        });
        Assert.That((int)created.StatusCode, Is.EqualTo(201));
        Assert.That(createCommands, Has.Count.EqualTo(4), "lock and slug check, category and tags, the inserts, the change log");

        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var (published, publishCommands) = await CountingAsync(admin, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/articles/{id}/publish") { Content = JsonContent.Create(new { }) };
            request.Headers.IfMatch.Add(created.Headers.ETag!);
            return request;
        });
        Assert.That((int)published.StatusCode, Is.EqualTo(200));
        Assert.That(publishCommands, Has.Count.EqualTo(5), "row lock, the article with its tags, the last revision, the writes, the change log");
    }

    /// <summary>
    /// A first write of each kind compiles its queries, and creates the category and tags (each new one costs two more
    /// commands: its insert and a read back); the counted writes then run as most later ones do.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/articles",
            new { title = "Khởi động", summary = "Tóm tắt.", body = "<p>Nội dung.</p>", category = "Tin tức", tags = new[] { "Khoa giáo", "Tọa đàm" } });
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/articles/{id}/publish") { Content = JsonContent.Create(new { }) };
        publish.Headers.IfMatch.Add(response.Headers.ETag!);
        Assert.That((int)(await admin.SendAsync(publish)).StatusCode, Is.EqualTo(200));
    }

    /// <summary>Sends the request with a trace of its own and counts the Npgsql commands traced under it.</summary>
    private static async Task<(HttpResponseMessage Response, List<string> Commands)> CountingAsync(HttpClient client, Func<HttpRequestMessage> build)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var commands = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == traceId)
                {
                    commands.Add(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var request = build();
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await client.SendAsync(request);
        return (response, commands.ToList());
    }
}
