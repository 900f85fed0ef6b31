using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace KhoaGiao.Api.Tests.Data;

/// <summary>
/// <c>ConnectionStrings:KhoaGiaoRead</c>. To see which database answered, the "replica" here is a database of its
/// own holding different articles (a server that is not a standby counts as current, as the primary itself given
/// twice does): anonymous delivery reads come from it once it is seen current; everything else from the primary.
/// </summary>
public sealed class ReadReplicaTests : ApiTest
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    private string _replicaName = "";
    private string _replica = "";

    [OneTimeSetUp]
    public async Task CreateReplicaAsync()
    {
        _replicaName = $"khoagiao_replica_{Guid.NewGuid():N}";
        await TestDatabase.ExecuteOnServerAsync($"CREATE DATABASE {_replicaName}");
        _replica = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = _replicaName }.ConnectionString;

        // The replica's content, written by a host of its own.
        await using var replicaHost = new KhoaGiaoApiFactory(_replica);
        using var admin = replicaHost.CreateDefaultClient(new IfMatchHandler());
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        await ArticleBuilder.CreatePublishedAsync(admin, "Tin chỉ có ở bản sao", replicaHost.Clock.GetUtcNow().AddMinutes(-5));
    }

    [OneTimeTearDown]
    public async Task DropReplicaAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await TestDatabase.ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_replicaName} WITH (FORCE)");
    }

    [Test]
    public async Task Anonymous_delivery_reads_come_from_the_replica_and_everything_else_from_the_primary()
    {
        await using var host = Factory.WithWebHostBuilder(builder => builder.UseSetting("ConnectionStrings:KhoaGiaoRead", _replica));
        using var admin = Client(host, KhoaGiaoApiFactory.BootstrapAdminKey);
        using var anonymous = Client(host, apiKey: null);
        await ArticleBuilder.CreatePublishedAsync(admin, "Tin ở bản chính", Factory.Clock.GetUtcNow().AddMinutes(-1));

        var fromReplica = await PollAsync(anonymous, titles => titles.Contains("Tin chỉ có ở bản sao"));
        Assert.That(fromReplica, Is.EqualTo(new[] { "Tin chỉ có ở bản sao" }), "anonymous delivery reads, once the replica is current");

        // The same route with credentials, the management API, the change feed and a preview read the primary.
        Assert.That(await TitlesAsync(admin, "/api/v1/articles?limit=3"), Is.EqualTo(new[] { "Tin ở bản chính" }));
        Assert.That(await TitlesAsync(admin, "/api/v1/admin/articles?limit=3"), Is.EqualTo(new[] { "Tin ở bản chính" }));
        var changes = await ReadJsonAsync(await anonymous.GetAsync("/api/v1/changes"));
        Assert.That(changes["items"]!.AsArray().Where(i => i!["type"]!.GetValue<string>() == "article").Select(i => i!["item"]!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "Tin ở bản chính" }));

        var draft = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp ở bản chính"));
        var token = (await ReadJsonAsync(await admin.PostAsync($"/api/v1/admin/articles/{draft["id"]}/preview-token", null)))["token"]!.GetValue<string>();
        var preview = await anonymous.GetAsync($"/api/v1/articles/{draft["id"]}?preview={Uri.EscapeDataString(token)}");
        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a preview reads the primary, where the draft is");

        // Writes went to the primary only.
        Assert.That(await QueryAsync(db => Task.FromResult(db.Articles.Count())), Is.EqualTo(2));
    }

    [Test]
    public async Task After_a_change_reads_go_to_the_primary_until_the_replica_is_seen_current_again()
    {
        await using var host = Factory.WithWebHostBuilder(builder => builder.UseSetting("ConnectionStrings:KhoaGiaoRead", _replica));
        using var admin = Client(host, KhoaGiaoApiFactory.BootstrapAdminKey);
        using var anonymous = Client(host, apiKey: null);
        await PollAsync(anonymous, titles => titles.Contains("Tin chỉ có ở bản sao"));
        var replica = host.Services.GetRequiredService<ReadReplica>();

        // A change: the replica is not known to hold it, so the first read after it is the primary's, and wakes the check.
        replica.SetCaughtUp(-1);
        Assert.That(await TitlesAsync(anonymous, "/api/v1/articles?limit=50"), Is.Empty, "the primary has no article yet");
        Assert.That(await PollAsync(anonymous, titles => titles.Count == 1), Is.EqualTo(new[] { "Tin chỉ có ở bản sao" }));

        Assert.That(ReadReplica.HasReplayed(null, new NpgsqlLogSequenceNumber(100)), Is.True, "not a standby: current");
        Assert.That(ReadReplica.HasReplayed(new NpgsqlLogSequenceNumber(99), new NpgsqlLogSequenceNumber(100)), Is.False, "behind");
        Assert.That(ReadReplica.HasReplayed(new NpgsqlLogSequenceNumber(100), new NpgsqlLogSequenceNumber(100)), Is.True, "caught up");
    }

    [Test]
    public async Task A_replica_that_cannot_be_reached_is_not_used()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(_replica) { Host = "127.0.0.1", Port = 1, Timeout = 1 }.ConnectionString;
        await using var host = Factory.WithWebHostBuilder(builder => builder.UseSetting("ConnectionStrings:KhoaGiaoRead", unreachable));
        using var admin = Client(host, KhoaGiaoApiFactory.BootstrapAdminKey);
        using var anonymous = Client(host, apiKey: null);
        await ArticleBuilder.CreatePublishedAsync(admin, "Tin ở bản chính", Factory.Clock.GetUtcNow().AddMinutes(-1));

        for (var i = 1; i <= 5; i++)
        {
            var response = await anonymous.GetAsync($"/api/v1/articles?limit={i}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await Task.Delay(200);
        }

        Assert.That(await TitlesAsync(anonymous, "/api/v1/articles?limit=9"), Is.EqualTo(new[] { "Tin ở bản chính" }));
    }

    [Test]
    public async Task With_the_primary_given_twice_reads_see_every_write()
    {
        await using var host = Factory.WithWebHostBuilder(builder => builder.UseSetting("ConnectionStrings:KhoaGiaoRead", TestDatabase.ConnectionString));
        using var admin = Client(host, KhoaGiaoApiFactory.BootstrapAdminKey);
        using var anonymous = Client(host, apiKey: null);

        for (var i = 1; i <= 3; i++)
        {
            await ArticleBuilder.CreatePublishedAsync(admin, $"Tin số {i}", Factory.Clock.GetUtcNow().AddMinutes(-1));
            Assert.That(await TitlesAsync(anonymous, $"/api/v1/articles?limit={10 + i}"), Has.Count.EqualTo(i));
        }
    }

    private static HttpClient Client(WebApplicationFactory<Program> host, string? apiKey)
    {
        var client = host.CreateDefaultClient(new IfMatchHandler());
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
        }

        return client;
    }

    /// <summary>Lists articles (a new query string each time, past the output cache) until <paramref name="done"/>.</summary>
    private static async Task<List<string>> PollAsync(HttpClient client, Func<List<string>, bool> done)
    {
        var started = DateTime.UtcNow;
        for (var i = 20; ; i++)
        {
            var titles = await TitlesAsync(client, $"/api/v1/articles?limit={i}");
            if (done(titles))
            {
                return titles;
            }

            Assert.That(DateTime.UtcNow - started, Is.LessThan(GiveUpAfter), $"still {string.Join(", ", titles)}");
            await Task.Delay(20);
        }
    }

    private static async Task<List<string>> TitlesAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        var body = await ReadJsonAsync(response);
        return [.. body["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>())];
    }
}
