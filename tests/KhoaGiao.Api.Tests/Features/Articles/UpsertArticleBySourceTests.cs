using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class UpsertArticleBySourceTests : ApiTest
{
    private const string BaoHaNam = "Báo Hà Nam";

    public static string BySource(string source, string externalId) =>
        $"/api/v1/admin/articles/by-source/{Uri.EscapeDataString(source)}/{Uri.EscapeDataString(externalId)}";

    private static object Body(string title, DateTimeOffset? publishedAt = null, string[]? tags = null, object? source = null, string? slug = null) =>
        new { title, slug, summary = "Tóm tắt.", body = "<p>Nội dung bài viết.</p>", category = "Tin tức", tags = tags ?? ["Khoa giáo"], source, publishedAt };

    private static async Task<(int Articles, int Revisions, int Tags, int Changes)> CountsAsync() =>
        await QueryAsync(async db => (await db.Articles.CountAsync(), await db.ArticleRevisions.CountAsync(), await db.Tags.CountAsync(),
            await db.Changes.CountAsync()));

    [Test]
    public async Task UpsertArticleBySource_creates_a_draft_with_201_location_and_etag_and_the_path_as_its_source()
    {
        using var admin = Admin();

        var response = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Tọa đàm khoa giáo"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(response);
        var id = body["id"]!.GetValue<Guid>();
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/admin/articles/{id}"));
        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo($"\"{body["version"]}\""));
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That(body["source"]!["name"]!.GetValue<string>(), Is.EqualTo(BaoHaNam));
        Assert.That(body["source"]!["externalId"]!.GetValue<string>(), Is.EqualTo("12345"));

        var stored = await QueryAsync(db => db.Articles.SingleAsync());
        Assert.That((stored.Id, stored.Source.Key, stored.Source.ExternalId), Is.EqualTo((id, "bao ha nam", "12345")));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.Select(r => r.Action).ToListAsync()), Is.EqualTo(new[] { "created" }));
        Assert.That(await QueryAsync(db => db.Changes.AnyAsync(c => c.Type == ChangeType.Article && c.EntityId == id)), Is.True);
    }

    [Test]
    public async Task UpsertArticleBySource_replaces_the_content_of_the_article_from_that_source_with_200_and_a_new_etag()
    {
        using var admin = Admin();
        var first = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Bản đầu", tags: ["Cũ"]));
        var id = (await ReadJsonAsync(first))["id"]!.GetValue<Guid>();

        var second = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Bản sửa", tags: ["Mới"]));

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), await second.Content.ReadAsStringAsync());
        Assert.That(second.Headers.Location, Is.Null);
        Assert.That(second.Headers.ETag, Is.Not.EqualTo(first.Headers.ETag));
        Assert.That((await ReadJsonAsync(second))["id"]!.GetValue<Guid>(), Is.EqualTo(id));
        var stored = await QueryAsync(db => db.Articles.Include(a => a.Tags).SingleAsync());
        Assert.That((stored.Title, stored.Slug), Is.EqualTo(("Bản sửa", "ban-dau")));
        Assert.That(stored.Tags.Select(t => t.Name), Is.EqualTo(new[] { "Mới" }));
        var revisions = await QueryAsync(db => db.ArticleRevisions.OrderBy(r => r.Number).ToListAsync());
        Assert.That(revisions.Select(r => r.Action), Is.EqualTo(new[] { "created", "updated" }));
        Assert.That(revisions[1].ChangedFields, Is.EquivalentTo(new[] { "title", "tags" }));
    }

    [Test]
    public async Task UpsertArticleBySource_with_an_unchanged_body_writes_nothing_and_keeps_the_etag()
    {
        using var admin = Admin();
        var first = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Tọa đàm", tags: ["Khoa giáo", "Tọa đàm"]));
        var id = (await ReadJsonAsync(first))["id"]!.GetValue<Guid>();
        var seqBefore = await QueryAsync(db => db.Changes.Where(c => c.Type == ChangeType.Article && c.EntityId == id).Select(c => c.Seq).SingleAsync());
        var before = await QueryAsync(db => db.Articles.AsNoTracking().SingleAsync());

        // The same content, with the tags in another order and the source spelled as the path does.
        var again = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"),
            Body("Tọa đàm", tags: ["Tọa đàm", "Khoa giáo"], source: new { name = BaoHaNam, externalId = "12345" }));

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), await again.Content.ReadAsStringAsync());
        Assert.That(again.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.Changes.Where(c => c.Type == ChangeType.Article && c.EntityId == id).Select(c => c.Seq).SingleAsync()),
            Is.EqualTo(seqBefore));
        var after = await QueryAsync(db => db.Articles.AsNoTracking().SingleAsync());
        Assert.That((after.Version, after.UpdatedAt), Is.EqualTo((before.Version, before.UpdatedAt)));
    }

    [Test]
    public async Task UpsertArticleBySource_finds_the_source_regardless_of_case_diacritics_and_spaces()
    {
        using var admin = Admin();
        var first = await admin.PutAsJsonAsync(BySource("Báo Hà Nam", "12345"), Body("Tin từ Báo Hà Nam"));
        var id = (await ReadJsonAsync(first))["id"]!.GetValue<Guid>();

        foreach (var spelling in new[] { "báo hà nam ", "  BÁO   HÀ NAM", "bao ha nam" })
        {
            var response = await admin.PutAsJsonAsync(BySource(spelling, "12345"), Body("Tin từ Báo Hà Nam"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), spelling);
            Assert.That((await ReadJsonAsync(response))["id"]!.GetValue<Guid>(), Is.EqualTo(id), spelling);
            Assert.That(response.Headers.ETag, Is.EqualTo(first.Headers.ETag), $"{spelling}: the path's spelling is no change");
        }

        var stored = await QueryAsync(db => db.Articles.SingleAsync());
        Assert.That(stored.Source.Name, Is.EqualTo("Báo Hà Nam"));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task UpsertArticleBySource_with_publishedAt_publishes_in_the_same_call()
    {
        using var admin = Admin();
        var publishedAt = new DateTimeOffset(2023, 8, 16, 18, 0, 0, TimeSpan.FromHours(7));

        var response = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Tọa đàm khoa giáo", publishedAt));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(response);
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("published"));
        Assert.That(body["publishedAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(publishedAt));
        var stored = await QueryAsync(db => db.Articles.SingleAsync());
        Assert.That((stored.Status, stored.PublishedAt), Is.EqualTo((ArticleStatus.Published, (DateTimeOffset?)publishedAt)));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.OrderBy(r => r.Number).Select(r => r.Action).ToListAsync()),
            Is.EqualTo(new[] { "created", "published" }));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "article.published")), Is.EqualTo(1));
        using var anonymous = Anonymous();
        Assert.That((await anonymous.GetAsync($"/api/v1/articles/{body["slug"]}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var again = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Tọa đàm khoa giáo", publishedAt));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.Headers.ETag, Is.EqualTo(response.Headers.ETag));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task UpsertArticleBySource_with_publishedAt_and_a_content_write_key_returns_403_and_writes_nothing()
    {
        using var writer = await WithScopesAsync(Scopes.ContentWrite);
        var before = await CountsAsync();

        var response = await writer.PutAsJsonAsync(BySource(BaoHaNam, "12345"),
            Body("Bài tự xuất bản", DateTimeOffset.UtcNow, tags: ["Từ khóa mới"]));

        var problem = await AssertProblemAsync(response, 403);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("content:publish"));
        Assert.That(await CountsAsync(), Is.EqualTo(before));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task UpsertArticleBySource_with_publishedAt_on_an_article_that_cannot_be_published_returns_409_and_changes_nothing()
    {
        using var admin = Admin();
        var first = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Bài", DateTimeOffset.UtcNow.AddDays(-1)));
        var id = (await ReadJsonAsync(first))["id"]!.GetValue<Guid>();
        Assert.That((await admin.PostAsync($"/api/v1/admin/articles/{id}/archive", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var response = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Bài đã sửa", DateTimeOffset.UtcNow));

        var problem = await AssertProblemAsync(response, 409);
        Assert.That(problem["articleStatus"]!.GetValue<string>(), Is.EqualTo("archived"));
        var stored = await QueryAsync(db => db.Articles.SingleAsync());
        Assert.That((stored.Title, stored.Status), Is.EqualTo(("Bài", ArticleStatus.Archived)));
    }

    [Test]
    public async Task UpsertArticleBySource_honours_If_Match_when_sent()
    {
        using var admin = Raw();
        var created = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Bản đầu"));
        var etag = created.Headers.ETag!;

        var stale = new HttpRequestMessage(HttpMethod.Put, BySource(BaoHaNam, "12345")) { Content = JsonContent.Create(Body("Bản cũ")) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await AssertProblemAsync(await admin.SendAsync(stale), 412);
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).SingleAsync()), Is.EqualTo("Bản đầu"));

        var current = new HttpRequestMessage(HttpMethod.Put, BySource(BaoHaNam, "12345")) { Content = JsonContent.Create(Body("Bản mới")) };
        current.Headers.IfMatch.Add(etag);
        Assert.That((await admin.SendAsync(current)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).SingleAsync()), Is.EqualTo("Bản mới"));

        var absent = new HttpRequestMessage(HttpMethod.Put, BySource(BaoHaNam, "99999")) { Content = JsonContent.Create(Body("Bài chưa có")) };
        absent.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        await AssertProblemAsync(await admin.SendAsync(absent), 412);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_UpsertArticleBySource_calls_for_one_new_article_create_it_once()
    {
        using var admin = Admin();

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            admin.PutAsJsonAsync(BySource(i % 2 == 0 ? "báo hà nam" : BaoHaNam, "12345"), Body($"Phiên bản {i}"))));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == 201), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == 200), Is.EqualTo(7), string.Join(", ", statuses));
        var ids = await Task.WhenAll(responses.Select(async r => (await ReadJsonAsync(r))["id"]!.GetValue<Guid>()));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync()), Is.EqualTo(8));
    }

    [Test]
    public async Task UpsertArticleBySource_with_a_body_source_other_than_the_path_returns_400_and_writes_nothing()
    {
        using var admin = Admin();

        var response = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"),
            Body("Bài", source: new { name = "Báo Nhân Dân", externalId = "67890" }));

        var problem = await AssertValidationProblemAsync(response, "source.name", "source.externalId");
        Assert.That(problem["errors"]!["source.externalId"]![0]!.GetValue<string>(), Does.Contain("12345"));
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0, 0, 0)));
    }

    [Test]
    public async Task UpsertArticleBySource_with_invalid_content_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), new { title = "", body = "", coverImageUrl = "ftp://x/y.jpg" });

        var problem = await AssertValidationProblemAsync(response, "title", "body", "coverImageUrl");
        Assert.That(problem["errors"]!["title"]![0]!.GetValue<string>(), Does.Contain("must not be empty"));
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0, 0, 0)));
    }

    [Test]
    public async Task UpsertArticleBySource_with_a_path_id_over_200_characters_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();

        var response = await admin.PutAsJsonAsync(BySource(BaoHaNam, new string('9', 201)), Body("Bài"));

        await AssertValidationProblemAsync(response, "externalId");
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0, 0, 0)));
    }

    [Test]
    public async Task UpsertArticleBySource_lets_an_author_update_only_their_own_draft()
    {
        using var admin = Admin();
        using var author = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        using var other = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        var created = await author.Client.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Bài của tác giả"));
        Assert.That((await ReadJsonAsync(created))["authorId"]!.GetValue<Guid>(), Is.EqualTo(author.UserId));

        Assert.That((await author.Client.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Tác giả sửa"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await other.Client.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Người khác sửa")), 403);

        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).SingleAsync()), Is.EqualTo("Tác giả sửa"));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task UpsertArticleBySource_with_a_slug_another_article_has_returns_409_naming_the_field_and_that_article()
    {
        using var admin = Admin();
        var holder = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài có slug", slug: "bai-viet"));

        var response = await admin.PutAsJsonAsync(BySource(BaoHaNam, "12345"), Body("Bài mới", slug: "bai-viet", tags: ["Từ khóa mới"]));

        var problem = await AssertProblemAsync(response, 409);
        Assert.That(problem["field"]!.GetValue<string>(), Is.EqualTo("slug"));
        Assert.That(problem["existingId"]!.GetValue<Guid>(), Is.EqualTo(holder["id"]!.GetValue<Guid>()));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.Tags.CountAsync()), Is.Zero);
    }
}
