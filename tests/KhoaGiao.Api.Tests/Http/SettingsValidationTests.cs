using System.Net;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>A setting out of its range stops start-up with a message naming it; 0 turns a cache off.</summary>
public sealed class SettingsValidationTests : ApiTest
{
    [TestCase("Http:DeliveryCacheSeconds", "-1", "HttpOptions", "DeliveryCacheSeconds")]
    [TestCase("Http:ManagementRequestsPerMinute", "0", "HttpOptions", "ManagementRequestsPerMinute")]
    [TestCase("Counters:FlushIntervalMilliseconds", "0", "CountersOptions", "FlushIntervalMilliseconds")]
    [TestCase("Counters:StatsCacheSeconds", "-5", "CountersOptions", "StatsCacheSeconds")]
    [TestCase("Accounts:AccessTokenMinutes", "0", "AccountsOptions", "AccessTokenMinutes")]
    [TestCase("Editorial:BatchParallelism", "0", "EditorialOptions", "BatchParallelism")]
    [TestCase("Sync:PurgeIntervalMinutes", "525600", "SyncOptions", "PurgeIntervalMinutes")]
    [TestCase("Idempotency:PurgeIntervalMinutes", "525600", "IdempotencyOptions", "PurgeIntervalMinutes")]
    [TestCase("Site:PublicBaseUrl", "khoagiao.hanam.gov.vn", "SiteOptions", "PublicBaseUrl")]
    [TestCase("Site:MediaBaseUrl", "https://anh.khoagiao.example/?v=1", "SiteOptions", "MediaBaseUrl")]
    [TestCase("Site:ArticlePath", "/bai-viet/", "SiteOptions", "ArticlePath")]
    public async Task A_setting_out_of_its_range_stops_start_up_with_a_message_naming_it(string key, string value, string options, string member)
    {
        await using var app = Factory.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        var failure = Assert.Throws<OptionsValidationException>(() => _ = app.Server);

        Assert.That(failure!.Message, Does.Contain(options).And.Contain(member));
    }

    [Test]
    public async Task A_delivery_cache_of_0_seconds_serves_every_request_fresh()
    {
        await using var app = Factory.WithWebHostBuilder(builder => builder.UseSetting("Http:DeliveryCacheSeconds", "0"));
        using var admin = Admin();
        var article = await ArticleBuilder.CreatePublishedAsync(admin, "Tin không lưu đệm");
        using var reader = app.CreateDefaultClient();
        var path = $"/api/v1/articles/{article["slug"]}";
        Assert.That((await reader.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Behind the change log's back, so only a cache that is really off shows it.
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new NpgsqlCommand("UPDATE articles SET title = 'Tin đã đổi tên' WHERE id = @id", connection);
            rename.Parameters.AddWithValue("id", article["id"]!.GetValue<Guid>());
            await rename.ExecuteNonQueryAsync();
        }

        var again = await ReadJsonAsync(await reader.GetAsync(path));
        Assert.That(again["title"]!.GetValue<string>(), Is.EqualTo("Tin đã đổi tên"));
    }
}
