using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>
/// Two instances of the service on one database, as behind a load balancer that sends a client's retry wherever it
/// likes: an <c>Idempotency-Key</c> claimed on one instance holds on the other.
/// </summary>
public sealed class IdempotencyAcrossInstancesTests : TwoInstanceTest
{
    private const string Articles = "/api/v1/admin/articles";

    [Test]
    public async Task A_retry_sent_to_the_other_instance_replays_the_first_response()
    {
        using var first = Raw();
        using var second = SecondClient();

        var created = await first.SendAsync(Post(ArticleBuilder.Request("Tọa đàm về chuyển đổi số"), "nhap-bao-1"));
        var retried = await second.SendAsync(Post(ArticleBuilder.Request("Tọa đàm về chuyển đổi số"), "nhap-bao-1"));

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retried.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(retried.Headers.Location, Is.EqualTo(created.Headers.Location).And.Not.Null);
        Assert.That(await retried.Content.ReadAsStringAsync(), Is.EqualTo(await created.Content.ReadAsStringAsync()));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task A_different_body_sent_to_the_other_instance_is_a_422_problem_and_creates_nothing()
    {
        using var first = Raw();
        using var second = SecondClient();
        Assert.That((await first.SendAsync(Post(ArticleBuilder.Request("Bài thứ nhất"), "nhap-bao-2"))).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));

        await AssertProblemAsync(await second.SendAsync(Post(ArticleBuilder.Request("Bài thứ hai"), "nhap-bao-2")), 422);

        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).ToListAsync()), Is.EqualTo(new[] { "Bài thứ nhất" }));
    }

    [Test]
    public async Task The_same_key_sent_to_both_instances_at_once_creates_exactly_one_article()
    {
        const int keys = 20;
        using var first = Raw();
        using var second = SecondClient();

        var pairs = await Task.WhenAll(Enumerable.Range(0, keys).Select(async i =>
        {
            var request = ArticleBuilder.Request($"Tin đồng thời số {i}");
            var responses = await Task.WhenAll(
                first.SendAsync(Post(request, $"dong-thoi-{i}")),
                second.SendAsync(Post(request, $"dong-thoi-{i}")));
            return responses;
        }));

        foreach (var responses in pairs)
        {
            var statuses = responses.Select(r => r.StatusCode).ToArray();
            var ran = responses.Count(r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains("Idempotent-Replayed"));
            Assert.That(ran, Is.EqualTo(1), $"exactly one instance runs the request (got {string.Join(", ", statuses)})");
            Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.Conflict),
                "the other replays the response or reports that the first is still running");
        }

        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(keys));
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.CountAsync(r => r.StatusCode == 201)), Is.EqualTo(keys));
    }

    private HttpClient SecondClient() => Second.CreateClient(KhoaGiaoApiFactory.BootstrapAdminKey);

    private static HttpRequestMessage Post(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Articles) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
