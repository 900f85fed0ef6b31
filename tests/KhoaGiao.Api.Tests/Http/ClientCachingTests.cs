using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>What browsers, CDNs and proxies are told they may keep, HEAD, and CORS preflights.</summary>
public sealed class ClientCachingTests : ApiTest
{
    [TestCase("/api/v1/articles")]
    [TestCase("/api/v1/categories")]
    [TestCase("/api/v1/changes")]
    public async Task Anonymous_delivery_reads_are_public_for_a_minute_and_stale_for_five(string path)
    {
        using var anonymous = Anonymous();

        var response = await anonymous.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var cacheControl = response.Headers.CacheControl!;
        Assert.That((cacheControl.Public, cacheControl.MaxAge), Is.EqualTo((true, TimeSpan.FromSeconds(60))));
        Assert.That(cacheControl.Extensions.Single(e => e.Name == "stale-while-revalidate").Value, Is.EqualTo("300"));
        Assert.That(response.Headers.Vary, Is.SupersetOf(new[] { "Accept-Language", "Accept-Encoding" }));
    }

    [Test]
    public async Task A_delivery_read_carries_a_strong_ETag_and_a_matching_If_None_Match_gets_304_with_no_body()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreatePublishedAsync(admin, "Bài để thử ETag");
        using var anonymous = Anonymous();
        var path = $"/api/v1/articles/{article["slug"]}";

        var first = await anonymous.GetAsync(path);
        var eTag = first.Headers.ETag!;
        var fromOutputCache = await SendAsync(anonymous, path, eTag.Tag);
        await Factory.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(HttpServices.ContentCacheTag, default);
        var computedAgain = await SendAsync(anonymous, path, eTag.Tag);
        var weak = await SendAsync(anonymous, path, "W/" + eTag.Tag);
        var any = await SendAsync(anonymous, path, "*");
        var other = await SendAsync(anonymous, path, "\"something-else\"");
        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(eTag.IsWeak, Is.False);
        foreach (var (name, response) in new[] { ("from the output cache", fromOutputCache), ("computed again", computedAgain), ("weak", weak), ("*", any) })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), name);
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty, name);
            Assert.That(response.Headers.ETag, Is.EqualTo(eTag), name);
            Assert.That(response.Headers.CacheControl!.Public, Is.True, name);
        }

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await other.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(head.Headers.ETag, Is.EqualTo(eTag));
    }

    [Test]
    public async Task The_ETag_follows_what_is_served()
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Bài thứ nhất của danh sách");
        using var anonymous = Anonymous();
        var before = await anonymous.GetAsync("/api/v1/articles");
        var english = await SendAsync(anonymous, "/api/v1/articles", before.Headers.ETag!.Tag, language: "en");

        await ArticleBuilder.CreatePublishedAsync(admin, "Bài thứ hai của danh sách");
        var after = await SendAsync(anonymous, "/api/v1/articles", before.Headers.ETag!.Tag);

        Assert.That(english.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "the same JSON in another language");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.Headers.ETag, Is.Not.EqualTo(before.Headers.ETag));
        Assert.That(await after.Content.ReadAsStringAsync(), Does.Contain("Bài thứ hai của danh sách"));
    }

    [Test]
    public async Task An_article_or_event_read_says_when_it_was_last_edited()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreatePublishedAsync(admin, "Bài có Last-Modified");
        var @event = await EventBuilder.CreatePublishedEventAsync(admin, "Tọa đàm có Last-Modified");
        using var anonymous = Anonymous();

        var articleRead = await anonymous.GetAsync($"/api/v1/articles/{article["slug"]}");
        var eventRead = await anonymous.GetAsync($"/api/v1/events/{@event["slug"]}");

        foreach (var (name, response) in new[] { ("article", articleRead), ("event", eventRead) })
        {
            var updatedAt = (await ReadJsonAsync(response))["updatedAt"]!.GetValue<DateTimeOffset>();
            var lastModified = response.Content.Headers.LastModified;
            Assert.That(lastModified, Is.Not.Null, name);
            Assert.That(lastModified!.Value, Is.EqualTo(updatedAt).Within(TimeSpan.FromSeconds(1)), name);
        }
    }

    [Test]
    public async Task Personal_reads_get_no_shared_ETag()
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Bài đọc có khóa");

        var credentialed = await admin.GetAsync("/api/v1/articles");

        Assert.That(credentialed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(credentialed.Headers.ETag, Is.Null);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string ifNoneMatch, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        return client.SendAsync(request);
    }

    [TestCase("/api/v1/stats/visitors")]
    [TestCase("/api/v1/articles/most-viewed")]
    public async Task Visitor_statistics_and_most_viewed_live_shorter(string path)
    {
        using var anonymous = Anonymous();

        var response = await anonymous.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl!.Public, Is.True);
        Assert.That(response.Headers.CacheControl.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Nothing_personal_is_marked_public()
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Bài công khai để thử bộ nhớ đệm");

        var credentialed = await admin.GetAsync("/api/v1/articles");
        var management = await admin.GetAsync("/api/v1/admin/articles");
        var failed = await Anonymous().GetAsync("/api/v1/articles/khong-co-bai-nay");
        var write = await Anonymous().PostAsync("/api/v1/hits", JsonContent.Create(new { path = "/" }));

        Assert.That(credentialed.Headers.CacheControl!.NoStore, Is.True, "a delivery read with credentials");
        Assert.That(management.Headers.CacheControl!.NoStore, Is.True, "a management read");
        Assert.That(failed.Headers.CacheControl!.NoStore, Is.True, "an error");
        Assert.That(write.Headers.CacheControl!.NoStore, Is.True, "a write");
    }

    [Test]
    public async Task A_preview_primed_into_the_caches_is_never_served_to_an_anonymous_reader()
    {
        using var admin = Admin();
        var draft = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp không được lộ", slug: "ban-nhap-khong-duoc-lo"));
        var token = (await ReadJsonAsync(await admin.PostAsync($"/api/v1/admin/articles/{draft["id"]}/preview-token", null)))["token"]!.GetValue<string>();
        using var anonymous = Anonymous();

        var preview = await anonymous.GetAsync($"/api/v1/articles/ban-nhap-khong-duoc-lo?preview={Uri.EscapeDataString(token)}");
        var credentialed = await admin.GetAsync("/api/v1/articles/ban-nhap-khong-duoc-lo");
        var plain = await anonymous.GetAsync("/api/v1/articles/ban-nhap-khong-duoc-lo");

        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(preview.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(credentialed.Headers.CacheControl!.NoStore, Is.True);
        await AssertProblemAsync(plain, 404);
    }

    [Test]
    public async Task HEAD_answers_every_GET_route_with_its_headers_and_no_body()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreatePublishedAsync(admin, "Bài để thử HEAD");
        using var anonymous = Anonymous();

        var get = await anonymous.GetAsync($"/api/v1/articles/{article["slug"]}");
        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/articles/{article["slug"]}"));
        var managementHead = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/admin/articles/{article["id"]}"));
        var missing = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/articles/khong-co-bai-nay"));

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo(get.Content.Headers.ContentType?.MediaType));
        Assert.That(head.Headers.CacheControl!.Public, Is.True);
        Assert.That(managementHead.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(managementHead.Headers.ETag, Is.Not.Null);
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task HEAD_is_not_allowed_where_GET_is_not()
    {
        using var anonymous = Anonymous();

        var response = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/hits"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [TestCase("/api/v1/articles", "GET")]
    [TestCase("/api/v1/hits", "POST")]
    public async Task CORS_preflights_may_be_kept_for_a_day(string path, string method)
    {
        using var anonymous = Anonymous();
        var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://portal.example");
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await anonymous.SendAsync(preflight);

        Assert.That(response.IsSuccessStatusCode, Is.True, response.StatusCode.ToString());
        Assert.That(response.Headers.GetValues("Access-Control-Max-Age").Single(), Is.EqualTo("86400"));
    }
}
