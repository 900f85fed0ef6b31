using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class UpsertArticlesBatchTests : ApiTest
{
    private const string Batch = "/api/v1/admin/articles/batch";

    private static object Item(string externalId, string title, string source = "Báo Hà Nam", DateTimeOffset? publishedAt = null,
        string[]? tags = null, string? slug = null, uint? version = null) =>
        new
        {
            source,
            externalId,
            article = new { title, slug, summary = "Tóm tắt.", body = $"<p>{title}</p>", category = "Tin tức", tags = tags ?? ["Khoa giáo"] },
            publishedAt,
            version,
        };

    private static async Task<JsonArray> PostBatchAsync(HttpClient client, params object[] items)
    {
        var response = await client.PostAsJsonAsync(Batch, new { items });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response))["items"]!.AsArray();
    }

    private static IEnumerable<int> Statuses(JsonArray results) => results.Select(r => r!["status"]!.GetValue<int>());

    [Test]
    public async Task UpsertArticlesBatch_creates_then_updates_and_answers_each_item_as_the_single_call_would()
    {
        using var admin = Admin();

        var created = await PostBatchAsync(admin, Item("1", "Bài một"), Item("2", "Bài hai"), Item("3", "Bài ba"));

        Assert.That(created.Select(r => r!["index"]!.GetValue<int>()), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(Statuses(created), Is.All.EqualTo(201));
        Assert.That(created.Select(r => r!["problem"]), Is.All.Null);
        var ids = created.Select(r => r!["id"]!.GetValue<Guid>()).ToList();
        var stored = await QueryAsync(db => db.Articles.OrderBy(a => a.Source.ExternalId).ToListAsync());
        Assert.That(stored.Select(a => (a.Id, a.Title, a.Source.Key)), Is.EqualTo(new[]
        {
            (ids[0], "Bài một", "bao ha nam"), (ids[1], "Bài hai", "bao ha nam"), (ids[2], "Bài ba", "bao ha nam"),
        }));
        Assert.That(created.Select(r => r!["version"]!.GetValue<uint>()), Is.EqualTo(stored.Select(a => a.Version)));

        var again = await PostBatchAsync(admin, Item("1", "Bài một"), Item("2", "Bài hai, đã sửa"), Item("4", "Bài bốn"));

        Assert.That(Statuses(again), Is.EqualTo(new[] { 200, 200, 201 }));
        Assert.That(again.Take(2).Select(r => r!["id"]!.GetValue<Guid>()), Is.EqualTo(ids.Take(2)));
        Assert.That(again[0]!["version"]!.GetValue<uint>(), Is.EqualTo(created[0]!["version"]!.GetValue<uint>()), "unchanged item");
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(4));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync()), Is.EqualTo(5));
    }

    [Test]
    public async Task UpsertArticlesBatch_with_one_invalid_item_applies_the_others_and_answers_its_validation_problem()
    {
        using var admin = Admin();
        var invalid = new
        {
            source = "Báo Hà Nam",
            externalId = "2",
            article = new { title = "", body = "<p>x</p>", tags = new[] { "Từ khóa của bài hỏng" }, source = new { name = "Báo khác" } },
        };

        var results = await PostBatchAsync(admin, Item("1", "Bài một"), invalid, Item("3", "Bài ba"));

        Assert.That(Statuses(results), Is.EqualTo(new[] { 201, 400, 201 }));
        var problem = results[1]!["problem"]!.AsObject();
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("Dữ liệu không hợp lệ"));
        Assert.That(problem["instance"]!.GetValue<string>(), Is.EqualTo(UpsertArticleBySourceTests.BySource("Báo Hà Nam", "2")));
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "title" }));
        Assert.That(results[1]!["id"], Is.Null);

        var stored = await QueryAsync(db => db.Articles.Select(a => a.Source.ExternalId).OrderBy(e => e).ToListAsync());
        Assert.That(stored, Is.EqualTo(new[] { "1", "3" }));
        Assert.That(await QueryAsync(db => db.Tags.Select(t => t.Name).ToListAsync()), Is.EqualTo(new[] { "Khoa giáo" }));
    }

    [Test]
    public async Task UpsertArticlesBatch_item_whose_body_names_another_source_gets_the_single_calls_400()
    {
        using var admin = Admin();
        var mismatched = new { source = "Báo Hà Nam", externalId = "1", article = new { title = "Bài", body = "<p>x</p>", source = new { name = "Báo khác" } } };

        var results = await PostBatchAsync(admin, mismatched);

        Assert.That(Statuses(results), Is.EqualTo(new[] { 400 }));
        Assert.That(results[0]!["problem"]!["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "source.name" }));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task UpsertArticlesBatch_with_101_items_returns_400_and_writes_nothing()
    {
        using var admin = Admin();
        var items = Enumerable.Range(1, 101).Select(i => Item(i.ToString(), $"Bài {i}")).ToArray();

        var response = await admin.PostAsJsonAsync(Batch, new { items });

        var problem = await AssertValidationProblemAsync(response, "items");
        Assert.That(problem["errors"]!["items"]![0]!.GetValue<string>(), Does.Contain("100"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.Tags.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task UpsertArticlesBatch_without_items_or_with_items_missing_their_source_returns_400_and_writes_nothing()
    {
        using var admin = Admin();

        await AssertValidationProblemAsync(await admin.PostAsJsonAsync(Batch, new { items = Array.Empty<object>() }), "items");
        await AssertValidationProblemAsync(await admin.PostAsJsonAsync(Batch, new { }), "items");
        var response = await admin.PostAsJsonAsync(Batch, new
        {
            items = new object?[] { Item("1", "Bài một"), new { source = " ", article = new { title = "Bài", body = "<p>x</p>" } }, null },
        });

        await AssertValidationProblemAsync(response, "items[1].source", "items[1].externalId", "items[2]");
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task UpsertArticlesBatch_applies_items_for_one_source_article_in_request_order()
    {
        using var admin = Admin();

        var results = await PostBatchAsync(admin,
            Item("1", "Bản một"), Item("2", "Bài khác"), Item("1", "Bản hai", source: "bao ha nam"), Item("1", "Bản ba", source: "BÁO HÀ NAM "));

        Assert.That(Statuses(results), Is.EqualTo(new[] { 201, 201, 200, 200 }));
        var stored = await QueryAsync(db => db.Articles.SingleAsync(a => a.Source.ExternalId == "1"));
        Assert.That((stored.Title, stored.Source.Name), Is.EqualTo(("Bản ba", "Báo Hà Nam")));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == stored.Id)), Is.EqualTo(3));
    }

    [Test]
    public async Task UpsertArticlesBatch_items_with_one_headline_get_numbered_slugs()
    {
        using var admin = Admin();

        var results = await PostBatchAsync(admin, Enumerable.Range(1, 8).Select(i => Item(i.ToString(), "Tin ảnh")).ToArray());

        Assert.That(Statuses(results), Is.All.EqualTo(201));
        var slugs = await QueryAsync(db => db.Articles.Select(a => a.Slug).ToListAsync());
        Assert.That(slugs, Is.EquivalentTo(new[] { "tin-anh" }.Concat(Enumerable.Range(2, 7).Select(i => $"tin-anh-{i}"))));
    }

    [Test]
    public async Task UpsertArticlesBatch_item_with_publishedAt_needs_content_publish_and_fails_alone()
    {
        using var writer = await WithScopesAsync(Scopes.ContentWrite);

        var results = await PostBatchAsync(writer,
            Item("1", "Bài tự xuất bản", publishedAt: DateTimeOffset.UtcNow, tags: ["Từ khóa riêng"]), Item("2", "Bài nháp"));

        Assert.That(Statuses(results), Is.EqualTo(new[] { 403, 201 }));
        Assert.That(results[0]!["problem"]!["detail"]!.GetValue<string>(), Does.Contain("content:publish"));
        var stored = await QueryAsync(db => db.Articles.SingleAsync());
        Assert.That((stored.Source.ExternalId, stored.Status), Is.EqualTo(("2", ArticleStatus.Draft)));
        Assert.That(await QueryAsync(db => db.Tags.CountAsync(t => t.Name == "Từ khóa riêng")), Is.Zero);
    }

    [Test]
    public async Task UpsertArticlesBatch_item_with_publishedAt_publishes_it()
    {
        using var admin = Admin();
        var publishedAt = new DateTimeOffset(2023, 8, 16, 18, 0, 0, TimeSpan.FromHours(7));

        var results = await PostBatchAsync(admin, Item("1", "Tọa đàm", publishedAt: publishedAt));

        Assert.That(Statuses(results), Is.EqualTo(new[] { 201 }));
        var stored = await QueryAsync(db => db.Articles.SingleAsync());
        Assert.That((stored.Status, stored.PublishedAt), Is.EqualTo((ArticleStatus.Published, (DateTimeOffset?)publishedAt)));
    }

    [Test]
    public async Task UpsertArticlesBatch_item_version_is_honoured_as_If_Match()
    {
        using var admin = Admin();
        var created = await PostBatchAsync(admin, Item("1", "Bản đầu"));
        var version = created[0]!["version"]!.GetValue<uint>();

        var results = await PostBatchAsync(admin, Item("1", "Bản cũ", version: version + 1), Item("2", "Bài mới", version: 7));

        Assert.That(Statuses(results), Is.EqualTo(new[] { 412, 412 }));
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).SingleAsync()), Is.EqualTo("Bản đầu"));
        Assert.That(Statuses(await PostBatchAsync(admin, Item("1", "Bản mới", version: version))), Is.EqualTo(new[] { 200 }));
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).SingleAsync()), Is.EqualTo("Bản mới"));
    }

    [Test]
    public async Task UpsertArticlesBatch_item_with_a_slug_in_use_is_a_409_naming_the_field_and_the_article_in_English_when_asked()
    {
        using var admin = Admin();
        var holder = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài có slug", slug: "bai-viet"));
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var results = await PostBatchAsync(admin, Item("1", "Bài mới", slug: "bai-viet"), Item("2", "Bài khác"));

        Assert.That(Statuses(results), Is.EqualTo(new[] { 409, 201 }));
        var problem = results[0]!["problem"]!;
        Assert.That(problem["field"]!.GetValue<string>(), Is.EqualTo("slug"));
        Assert.That(problem["existingId"]!.GetValue<Guid>(), Is.EqualTo(holder["id"]!.GetValue<Guid>()));
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo($"Field 'slug': 'bai-viet' is already used by article {holder["id"]}."));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task UpsertArticlesBatch_with_a_read_key_returns_403_and_writes_nothing()
    {
        using var reader = await WithScopesAsync(Scopes.ContentRead);

        await AssertProblemAsync(await reader.PostAsJsonAsync(Batch, new { items = new[] { Item("1", "Bài") } }), 403);

        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }
}
