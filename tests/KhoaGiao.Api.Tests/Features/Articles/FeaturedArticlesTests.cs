using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

/// <summary>The homepage's slider: editors feature articles, <c>?featured=true</c> lists the current ones in order.</summary>
public sealed class FeaturedArticlesTests : ApiTest
{
    private static async Task<JsonObject> PublishedAsync(HttpClient admin, string title, object? featured = null)
    {
        var created = await ArticleBuilder.CreatePublishedAsync(admin, title, Factory.Clock.GetUtcNow().AddMinutes(-5));
        if (featured is not null)
        {
            var response = await admin.PutAsJsonAsync($"/api/v1/admin/articles/{created["id"]}", featured);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        return created;
    }

    private static object Featuring(string title, int? order, DateTimeOffset? until = null, bool featured = true) =>
        new { title, summary = "Tóm tắt.", body = "<p>Nội dung bài viết.</p>", featured, featuredOrder = order, featuredUntil = until };

    private static async Task<string[]> TitlesAsync(HttpClient client, string query)
    {
        var page = await ReadJsonAsync(await client.GetAsync($"/api/v1/articles?{query}"));
        return page["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToArray();
    }

    [Test]
    public async Task The_slider_lists_the_articles_featured_now_in_their_order()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        await PublishedAsync(admin, "Thứ hai", Featuring("Thứ hai", 2));
        await PublishedAsync(admin, "Thứ nhất", Featuring("Thứ nhất", 1));
        await PublishedAsync(admin, "Không thứ tự", Featuring("Không thứ tự", null));
        await PublishedAsync(admin, "Hết hạn", Featuring("Hết hạn", 0, until: now.AddHours(1).ToOffset(TimeSpan.FromHours(7))));
        await PublishedAsync(admin, "Tin thường");
        var draft = await ArticleBuilder.CreateAsync(admin, Featuring("Bản nháp nổi bật", 0));
        using var anonymous = Anonymous();

        var beforeExpiry = await TitlesAsync(anonymous, "featured=true");
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        await TestDatabase.EvictDeliveryCacheAsync();
        var afterExpiry = await TitlesAsync(anonymous, "featured=true");
        var others = await TitlesAsync(anonymous, "featured=false");

        Assert.That(beforeExpiry, Is.EqualTo(new[] { "Hết hạn", "Thứ nhất", "Thứ hai", "Không thứ tự" }));
        Assert.That(afterExpiry, Is.EqualTo(new[] { "Thứ nhất", "Thứ hai", "Không thứ tự" }));
        Assert.That(others, Is.EquivalentTo(new[] { "Hết hạn", "Tin thường" }));
        Assert.That(draft["featured"]!.GetValue<bool>(), Is.True, "a draft may be prepared for the slider");
    }

    [Test]
    public async Task A_write_that_leaves_featured_out_keeps_the_placement_and_featured_false_ends_it()
    {
        using var admin = Admin();
        var article = await PublishedAsync(admin, "Tin nổi bật", Featuring("Tin nổi bật", 3));
        var id = article["id"]!.GetValue<Guid>();

        var edited = await admin.PutAsJsonAsync($"/api/v1/admin/articles/{id}", ArticleBuilder.Request("Tin nổi bật (sửa)"));
        var afterEdit = await ReadJsonAsync(edited);
        var removed = await ReadJsonAsync(await admin.PutAsJsonAsync($"/api/v1/admin/articles/{id}",
            new { title = "Tin nổi bật (sửa)", summary = "Tóm tắt.", body = "<p>Nội dung bài viết.</p>", featured = false }));

        Assert.That((afterEdit["featured"]!.GetValue<bool>(), afterEdit["featuredOrder"]!.GetValue<int>()), Is.EqualTo((true, 3)));
        Assert.That(removed["featured"]!.GetValue<bool>(), Is.False);
        Assert.That(removed["featuredOrder"], Is.Null);
        var changed = await QueryAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.ChangedFields).ToListAsync());
        Assert.That(changed[^1], Does.Contain("featured"), "the revision that ended it names the field");
        Assert.That(await TitlesAsync(Anonymous(), "featured=true"), Is.Empty);
    }

    [Test]
    public async Task Slider_settings_out_of_range_or_without_featured_are_refused_and_change_nothing()
    {
        using var admin = Admin();
        var article = await PublishedAsync(admin, "Tin thử giới hạn");
        var id = article["id"]!.GetValue<Guid>();

        var tooFar = await admin.PutAsJsonAsync($"/api/v1/admin/articles/{id}", Featuring("Tin thử giới hạn", 1000));
        var orphanOrder = await admin.PutAsJsonAsync($"/api/v1/admin/articles/{id}", Featuring("Tin thử giới hạn", 1, featured: false));
        var pagedSlider = await Anonymous().GetAsync("/api/v1/articles?featured=true&cursor=abc");

        await AssertValidationProblemAsync(tooFar, "featuredOrder");
        await AssertValidationProblemAsync(orphanOrder, "featuredOrder");
        await AssertValidationProblemAsync(pagedSlider, "cursor");
        Assert.That(await QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => new { a.Featured, a.Title }).SingleAsync()),
            Has.Property("Featured").False.And.Property("Title").EqualTo("Tin thử giới hạn"));
    }
}
