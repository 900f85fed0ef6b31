using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Features.Sync;

public sealed class ChangeFeedTests : ApiTest
{
    private static async Task<JsonObject> FeedAsync(HttpClient client, string? since = null, string query = "", bool admin = false)
    {
        var path = (admin ? "/api/v1/admin/changes" : "/api/v1/changes") + "?" + query
            + (since is null ? "" : (query.Length > 0 ? "&" : "") + "since=" + Uri.EscapeDataString(since));
        var response = await client.GetAsync(path);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    private static IEnumerable<JsonObject> Items(JsonObject page) => page["items"]!.AsArray().Select(i => i!.AsObject());

    private static JsonObject Entry(JsonObject page, Guid id) => Items(page).Single(i => i["id"]!.GetValue<Guid>() == id);

    private static string Text(JsonNode node) =>
        node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static async Task<long> RowCountAsync() => await QueryAsync(db => db.Changes.LongCountAsync());

    [Test]
    public async Task A_published_article_is_in_the_feed_with_its_whole_delivery_representation()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreatePublishedAsync(admin, "Tọa đàm khoa giáo", category: "Hoạt động", tags: ["Tọa đàm"]);
        var id = article["id"]!.GetValue<Guid>();

        var entry = Entry(await FeedAsync(Anonymous()), id);

        Assert.That(entry["type"]!.GetValue<string>(), Is.EqualTo("article"));
        Assert.That(entry["op"]!.GetValue<string>(), Is.EqualTo("upsert"));
        Assert.That(entry["slug"]!.GetValue<string>(), Is.EqualTo("toa-dam-khoa-giao"));
        Assert.That(entry["seq"]!.GetValue<long>(), Is.GreaterThan(0));
        var item = entry["item"]!.AsObject();
        var single = await ReadJsonAsync(await Anonymous().GetAsync($"/api/v1/articles/{id}"));
        Assert.That(item.ToJsonString(), Is.EqualTo(single.ToJsonString()), "the feed's item is what GET /articles/{id} returns");
        Assert.That(item["body"]!.GetValue<string>(), Does.Contain("Nội dung"));
    }

    [Test]
    public async Task Drafts_are_only_in_the_management_feed()
    {
        using var admin = Admin();
        var draft = (await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp")))["id"]!.GetValue<Guid>();

        Assert.That(Items(await FeedAsync(Anonymous())).Select(i => i["id"]!.GetValue<Guid>()), Does.Not.Contain(draft));
        var entry = Entry(await FeedAsync(admin, admin: true), draft);
        Assert.That(entry["op"]!.GetValue<string>(), Is.EqualTo("upsert"));
        Assert.That(entry["item"]!["status"]!.GetValue<string>(), Is.EqualTo("draft"));
    }

    [Test]
    public async Task Unpublishing_puts_a_tombstone_in_the_delivery_feed_and_an_update_in_the_management_feed()
    {
        using var admin = Admin();
        var id = (await ArticleBuilder.CreatePublishedAsync(admin, "Tin sẽ gỡ"))["id"]!.GetValue<Guid>();
        var before = await FeedAsync(Anonymous());

        (await admin.PostAsJsonAsync($"/api/v1/admin/articles/{id}/unpublish", new { reason = "sai" })).EnsureSuccessStatusCode();

        var after = await FeedAsync(Anonymous(), before["nextCursor"]!.GetValue<string>());
        var tombstone = Entry(after, id);
        Assert.That(tombstone["op"]!.GetValue<string>(), Is.EqualTo("delete"));
        Assert.That(tombstone["slug"]!.GetValue<string>(), Is.EqualTo("tin-se-go"));
        Assert.That(tombstone["item"], Is.Null);
        var managed = Entry(await FeedAsync(admin, admin: true), id);
        Assert.That(managed["op"]!.GetValue<string>(), Is.EqualTo("upsert"));
        Assert.That(managed["item"]!["status"]!.GetValue<string>(), Is.EqualTo("draft"));
    }

    [Test]
    public async Task A_deleted_article_leaves_a_tombstone_with_its_last_slug_in_both_feeds()
    {
        using var admin = Admin();
        var id = (await ArticleBuilder.CreatePublishedAsync(admin, "Tin sẽ xóa"))["id"]!.GetValue<Guid>();
        (await admin.PostAsJsonAsync($"/api/v1/admin/articles/{id}/unpublish", new { })).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/v1/admin/articles/{id}")).EnsureSuccessStatusCode();

        foreach (var page in new[] { await FeedAsync(Anonymous()), await FeedAsync(admin, admin: true) })
        {
            var entry = Entry(page, id);
            Assert.That(entry["op"]!.GetValue<string>(), Is.EqualTo("delete"));
            Assert.That(entry["slug"]!.GetValue<string>(), Is.EqualTo("tin-se-xoa"));
        }
    }

    [Test]
    public async Task A_deleted_draft_that_readers_never_saw_is_not_in_the_delivery_feed()
    {
        using var admin = Admin();
        var id = (await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Nháp bí mật")))["id"]!.GetValue<Guid>();
        (await admin.DeleteAsync($"/api/v1/admin/articles/{id}")).EnsureSuccessStatusCode();

        Assert.That(Items(await FeedAsync(Anonymous())).Select(i => i["id"]!.GetValue<Guid>()), Does.Not.Contain(id));
        Assert.That(Entry(await FeedAsync(admin, admin: true), id)["op"]!.GetValue<string>(), Is.EqualTo("delete"));
    }

    [Test]
    public async Task A_scheduled_article_enters_the_feed_when_it_becomes_public_not_when_it_is_scheduled()
    {
        using var admin = Admin();
        var id = (await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin hẹn giờ")))["id"]!.GetValue<Guid>();
        (await admin.PostAsJsonAsync($"/api/v1/admin/articles/{id}/publish", new { publishedAt = Factory.Clock.GetUtcNow().AddMinutes(5) }))
            .EnsureSuccessStatusCode();
        var scheduled = await FeedAsync(Anonymous());
        Assert.That(Items(scheduled).Select(i => i["id"]!.GetValue<Guid>()), Does.Not.Contain(id));

        Factory.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.That(await Factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None), Is.EqualTo(1));

        var entry = Entry(await FeedAsync(Anonymous(), scheduled["nextCursor"]!.GetValue<string>()), id);
        Assert.That(entry["op"]!.GetValue<string>(), Is.EqualTo("upsert"));
        Assert.That(entry["item"]!["title"]!.GetValue<string>(), Is.EqualTo("Tin hẹn giờ"));
    }

    [Test]
    public async Task The_cursor_resumes_after_what_was_read_and_is_given_on_an_empty_page()
    {
        using var admin = Admin();
        var first = (await ArticleBuilder.CreatePublishedAsync(admin, "Tin một"))["id"]!.GetValue<Guid>();
        var page = await FeedAsync(Anonymous());
        var cursor = page["nextCursor"]!.GetValue<string>();

        var empty = await FeedAsync(Anonymous(), cursor);
        Assert.That(Items(empty), Is.Empty);
        Assert.That(empty["nextCursor"]!.GetValue<string>(), Is.EqualTo(cursor));

        var second = (await ArticleBuilder.CreatePublishedAsync(admin, "Tin hai"))["id"]!.GetValue<Guid>();
        var next = await FeedAsync(Anonymous(), cursor);
        Assert.That(Items(next).Select(i => i["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { second }));
        Assert.That(next["nextCursor"]!.GetValue<string>(), Is.Not.EqualTo(cursor));
        Assert.That(Items(page).Select(i => i["id"]!.GetValue<Guid>()), Does.Contain(first));
    }

    [Test]
    public async Task Pages_of_the_limit_size_together_hold_every_item_once_in_order()
    {
        using var admin = Admin();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await ArticleBuilder.CreatePublishedAsync(admin, $"Tin số {i}"))["id"]!.GetValue<Guid>());
        }

        var seen = new List<Guid>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await FeedAsync(Anonymous(), cursor, "limit=2&types=article");
            Assert.That(Items(page).Count(), Is.LessThanOrEqualTo(2));
            if (!Items(page).Any())
            {
                break;
            }

            seen.AddRange(Items(page).Select(i => i["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]!.GetValue<string>();
        }

        Assert.That(seen, Is.EqualTo(ids));
    }

    [Test]
    public async Task Types_narrow_the_feed_and_an_event_brings_its_public_participants()
    {
        using var admin = Admin();
        var eventId = EventBuilder.Id(await EventBuilder.CreatePublishedEventAsync(admin, "Tọa đàm khoa giáo"));
        var person = EventBuilder.Id(await EventBuilder.CreatePersonAsync(admin, "Đinh Thị Lụa"));
        await EventBuilder.AddParticipationAsync(admin, eventId, person, "chuTri");

        var events = await FeedAsync(Anonymous(), query: "types=event");
        Assert.That(Items(events).Select(i => i["type"]!.GetValue<string>()), Is.All.EqualTo("event"));
        var eventEntry = Entry(events, eventId);
        Assert.That(Text(eventEntry["item"]!["participants"]!), Does.Contain("Đinh Thị Lụa"));

        var people = await FeedAsync(Anonymous(), query: "types=person");
        var personEntry = Entry(people, person);
        Assert.That(personEntry["op"]!.GetValue<string>(), Is.EqualTo("upsert"));
        Assert.That(personEntry["slug"], Is.Null);
        Assert.That(personEntry["item"]!["fullName"]!.GetValue<string>(), Is.EqualTo("Đinh Thị Lụa"));
    }

    [Test]
    public async Task Merging_people_tombstones_the_duplicate()
    {
        using var admin = Admin();
        var eventId = EventBuilder.Id(await EventBuilder.CreatePublishedEventAsync(admin, "Hội nghị"));
        var kept = EventBuilder.Id(await EventBuilder.CreatePersonAsync(admin, "Lê Thị Thanh Hà"));
        var duplicate = EventBuilder.Id(await EventBuilder.CreatePersonAsync(admin, "Le Thi Thanh Ha"));
        await EventBuilder.AddParticipationAsync(admin, eventId, duplicate, "chuTri");
        var before = await FeedAsync(Anonymous());

        (await admin.PostAsJsonAsync($"/api/v1/admin/people/{kept}/merge", new { duplicateId = duplicate })).EnsureSuccessStatusCode();

        var after = await FeedAsync(Anonymous(), before["nextCursor"]!.GetValue<string>());
        Assert.That(Entry(after, duplicate)["op"]!.GetValue<string>(), Is.EqualTo("delete"));
        Assert.That(Entry(after, kept)["op"]!.GetValue<string>(), Is.EqualTo("upsert"));
        Assert.That(Text(Entry(after, eventId)["item"]!["participants"]!), Does.Contain("Lê Thị Thanh Hà"));
    }

    [Test]
    public async Task A_cursor_from_before_purged_tombstones_is_gone_and_the_start_still_works()
    {
        using var admin = Admin();
        var id = (await ArticleBuilder.CreatePublishedAsync(admin, "Tin cũ"))["id"]!.GetValue<Guid>();
        var old = (await FeedAsync(Anonymous()))["nextCursor"]!.GetValue<string>();
        (await admin.PostAsJsonAsync($"/api/v1/admin/articles/{id}/unpublish", new { })).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/v1/admin/articles/{id}")).EnsureSuccessStatusCode();
        var purger = Factory.Services.GetRequiredService<ChangeLogPurger>();
        Assert.That(await purger.PurgeAsync(CancellationToken.None), Is.Zero, "a fresh tombstone is kept");

        // Moving the clock also wakes the purger's own loop, so which of the two passes removes the row may vary.
        Factory.Clock.Advance(TimeSpan.FromDays(91));
        await purger.PurgeAsync(CancellationToken.None);
        Assert.That(await QueryAsync(db => db.Changes.AnyAsync(c => c.EntityId == id)), Is.False);
        Assert.That(await QueryAsync(db => db.ChangeLogHorizon.CountAsync()), Is.EqualTo(1));
        await TestDatabase.EvictDeliveryCacheAsync();

        var gone = await AssertProblemAsync(await Anonymous().GetAsync($"/api/v1/changes?since={old}"), 410);
        Assert.That(gone["detail"]!.GetValue<string>(), Does.Contain("since"));
        var english = Anonymous();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var problem = await AssertProblemAsync(await english.GetAsync($"/api/v1/admin/changes?since={old}".Replace("/admin", "")), 410);
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("Cursor expired"));
        Assert.That(Items(await FeedAsync(Anonymous())).Select(i => i["id"]!.GetValue<Guid>()), Does.Not.Contain(id));
    }

    [TestCase("since=not-a-cursor", "since")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=1001", "limit")]
    [TestCase("types=article,organisation", "types")]
    public async Task Bad_feed_queries_are_validation_problems_and_change_nothing(string query, string field)
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Tin");
        var rows = await RowCountAsync();

        await AssertValidationProblemAsync(await Anonymous().GetAsync("/api/v1/changes?" + query), field);
        await AssertValidationProblemAsync(await admin.GetAsync("/api/v1/admin/changes?" + query), field);

        Assert.That(await RowCountAsync(), Is.EqualTo(rows));
    }

    [Test]
    public async Task The_management_feed_needs_content_read()
    {
        await AssertProblemAsync(await Anonymous().GetAsync("/api/v1/admin/changes"), 401);
        using var writer = await WithScopesAsync("content:write");
        await AssertProblemAsync(await writer.GetAsync("/api/v1/admin/changes"), 403);
    }

    [Test]
    public async Task List_items_carry_updatedAt()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreatePublishedAsync(admin, "Tin có giờ sửa");
        var eventId = EventBuilder.Id(await EventBuilder.CreatePublishedEventAsync(admin, "Sự kiện có giờ sửa"));
        var person = EventBuilder.Id(await EventBuilder.CreatePersonAsync(admin, "Nguyễn Hải Long"));
        await EventBuilder.AddParticipationAsync(admin, eventId, person, "chuTri");
        using var anonymous = Anonymous();

        foreach (var path in new[] { "/api/v1/articles", "/api/v1/events", "/api/v1/people", "/api/v1/admin/articles", "/api/v1/admin/events", "/api/v1/admin/people" })
        {
            var client = path.Contains("/admin/") ? admin : anonymous;
            var first = (await ReadJsonAsync(await client.GetAsync(path)))["items"]!.AsArray().First()!.AsObject();
            Assert.That(first["updatedAt"]?.GetValue<DateTimeOffset>(), Is.Not.Null, path);
        }

        Assert.That((await ReadJsonAsync(await anonymous.GetAsync("/api/v1/articles")))["items"]![0]!["updatedAt"]!.GetValue<DateTimeOffset>(),
            Is.EqualTo(article["updatedAt"]!.GetValue<DateTimeOffset>()).Within(TimeSpan.FromMilliseconds(1)));
    }
}
