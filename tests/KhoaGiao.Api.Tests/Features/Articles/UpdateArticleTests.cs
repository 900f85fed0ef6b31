using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class UpdateArticleTests : ApiTest
{
    [Test]
    public async Task UpdateArticle_replaces_the_content_and_keeps_the_slug_unless_given()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tiêu đề đầu", category: "Cũ", tags: ["a"]));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/articles/{created["id"]}",
            ArticleBuilder.Request("Tiêu đề sửa", category: "Mới", tags: ["b", "c"], body: "<p>Đã sửa</p>"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadJsonAsync(response);
        Assert.That(body["title"]!.GetValue<string>(), Is.EqualTo("Tiêu đề sửa"));
        Assert.That(body["slug"]!.GetValue<string>(), Is.EqualTo("tieu-de-dau"));
        Assert.That(body["category"]!["name"]!.GetValue<string>(), Is.EqualTo("Mới"));
        var stored = await QueryAsync(db => db.Articles.Include(a => a.Tags).SingleAsync());
        Assert.That(stored.Body, Is.EqualTo("<p>Đã sửa</p>"));
        Assert.That(stored.Tags.Select(t => t.Slug), Is.EquivalentTo(new[] { "b", "c" }));
    }

    [Test]
    public async Task UpdateArticle_with_a_stale_If_Match_returns_412_and_changes_nothing()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài gốc"));
        var get = await admin.GetAsync($"/api/v1/admin/articles/{created["id"]}");
        var etag = get.Headers.ETag!;

        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/articles/{created["id"]}")
        {
            Content = JsonContent.Create(ArticleBuilder.Request("Biên tập viên A")),
        };
        first.Headers.IfMatch.Add(etag);
        Assert.That((await admin.SendAsync(first)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var second = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/articles/{created["id"]}")
        {
            Content = JsonContent.Create(ArticleBuilder.Request("Biên tập viên B")),
        };
        second.Headers.IfMatch.Add(etag);
        await AssertProblemAsync(await admin.SendAsync(second), 412);

        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).SingleAsync()), Is.EqualTo("Biên tập viên A"));
    }

    [Test]
    public async Task UpdateArticle_with_a_current_If_Match_succeeds_and_returns_a_new_ETag()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài gốc"));
        var etag = (await admin.GetAsync($"/api/v1/admin/articles/{created["id"]}")).Headers.ETag!;

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/articles/{created["id"]}")
        {
            Content = JsonContent.Create(ArticleBuilder.Request("Bài đã sửa")),
        };
        request.Headers.IfMatch.Add(etag);
        var response = await admin.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.ETag, Is.Not.EqualTo(etag));
    }

    [Test]
    public async Task UpdateArticle_to_a_slug_used_by_another_article_returns_409_and_changes_nothing()
    {
        using var admin = Admin();
        await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài một"));
        var second = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài hai"));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/articles/{second["id"]}", ArticleBuilder.Request("Bài hai sửa", slug: "bai-mot"));

        await AssertProblemAsync(response, 409);
        var stored = await QueryAsync(db => db.Articles.SingleAsync(a => a.Id == second["id"]!.GetValue<Guid>()));
        Assert.That(stored.Slug, Is.EqualTo("bai-hai"));
        Assert.That(stored.Title, Is.EqualTo("Bài hai"));
    }

    [Test]
    public async Task UpdateArticle_can_take_back_its_own_former_slug()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài", slug: "ten-a"));
        var url = $"/api/v1/admin/articles/{created["id"]}";
        Assert.That((await admin.PutAsJsonAsync(url, ArticleBuilder.Request("Bài", slug: "ten-b"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.PutAsJsonAsync(url, ArticleBuilder.Request("Bài", slug: "ten-a"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var redirects = await QueryAsync(db => db.ArticleSlugRedirects.Select(r => r.Slug).ToListAsync());
        Assert.That(redirects, Is.EqualTo(new[] { "ten-b" }));
    }

    [Test]
    public async Task UpdateArticle_with_invalid_content_returns_validation_problem_and_changes_nothing()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài gốc"));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/articles/{created["id"]}", new { title = new string('x', 301), body = "<p>x</p>" });

        await AssertValidationProblemAsync(response, "title");
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).SingleAsync()), Is.EqualTo("Bài gốc"));
    }

    [Test]
    public async Task UpdateArticle_for_an_unknown_id_returns_404_problem()
    {
        using var admin = Admin();
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/v1/admin/articles/{Guid.NewGuid()}", ArticleBuilder.Request("Bài")), 404);
    }

    [Test]
    public async Task UpdateArticle_with_a_publish_only_key_returns_403_and_changes_nothing()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài gốc"));
        using var publisher = await WithScopesAsync(Scopes.ContentPublish);

        await AssertProblemAsync(await publisher.PutAsJsonAsync($"/api/v1/admin/articles/{created["id"]}", ArticleBuilder.Request("Sửa trộm")), 403);
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).SingleAsync()), Is.EqualTo("Bài gốc"));
    }

    [Test]
    public async Task AdminGetArticle_returns_any_status_with_an_ETag()
    {
        using var reader = await WithScopesAsync(Scopes.ContentRead);
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp"));

        var response = await reader.GetAsync($"/api/v1/admin/articles/{created["id"]}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadJsonAsync(response);
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo($"\"{body["version"]}\""));
        await AssertProblemAsync(await reader.GetAsync($"/api/v1/admin/articles/{Guid.NewGuid()}"), 404);
    }

    [Test]
    public async Task AdminListArticles_lists_every_status_and_filters_by_status()
    {
        using var admin = Admin();
        await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Nháp"));
        await ArticleBuilder.CreatePublishedAsync(admin, "Đã đăng");

        var all = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/articles"));
        var drafts = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/articles?status=draft"));

        Assert.That(all["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "Đã đăng", "Nháp" }));
        Assert.That(drafts["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "Nháp" }));
        await AssertProblemAsync(await admin.GetAsync("/api/v1/admin/articles?status=bogus"), 400);
    }

    [Test]
    public async Task AdminListArticles_without_a_key_returns_401_problem()
    {
        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/admin/articles"), 401);
    }

    [Test]
    public async Task AdminListArticles_with_a_write_only_key_returns_403_problem()
    {
        using var writer = await WithScopesAsync(Scopes.ContentWrite);
        await AssertProblemAsync(await writer.GetAsync("/api/v1/admin/articles"), 403);
    }
}
