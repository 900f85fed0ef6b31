using System.Net;
using System.Net.Http.Json;
using System.Text;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class CreateArticleTests : ApiTest
{
    [Test]
    public async Task CreateArticle_stores_a_draft_and_returns_it_with_location_and_etag()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/articles", new
        {
            title = "Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”",
            summary = "Chiều 16/8, BTG Tỉnh ủy tổ chức tọa đàm.",
            body = "<p>Nội dung</p>",
            coverImageUrl = "https://baohanam.com.vn/anh.jpg",
            category = "Hoạt động khoa giáo",
            tags = new[] { "Khoa giáo", "Tọa đàm" },
            source = new { name = "Báo Hà Nam", url = "https://baohanam.com.vn/bai-1.html", externalId = "bai-1" },
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(response);
        var id = body["id"]!.GetValue<Guid>();
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/admin/articles/{id}"));
        Assert.That(response.Headers.ETag, Is.Not.Null);
        Assert.That(body["slug"]!.GetValue<string>(), Is.EqualTo("toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam"));
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That(body["category"]!["slug"]!.GetValue<string>(), Is.EqualTo("hoat-dong-khoa-giao"));
        Assert.That(body["tags"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()), Is.EquivalentTo(new[] { "khoa-giao", "toa-dam" }));
        Assert.That(body["source"]!["name"]!.GetValue<string>(), Is.EqualTo("Báo Hà Nam"));

        var stored = await QueryAsync(db => db.Articles.Include(a => a.Tags).SingleAsync(a => a.Id == id));
        Assert.That(stored.Status, Is.EqualTo(ArticleStatus.Draft));
        Assert.That(stored.Tags, Has.Count.EqualTo(2));
        Assert.That(stored.Source.ExternalId, Is.EqualTo("bai-1"));
    }

    [Test]
    public async Task CreateArticle_stores_an_NFD_title_in_NFC()
    {
        using var admin = Admin();
        var nfdTitle = "Lê Thị Thanh Hà chủ trì tọa đàm".Normalize(NormalizationForm.FormD);
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request(nfdTitle));

        var stored = await QueryAsync(db => db.Articles.SingleAsync(a => a.Id == created["id"]!.GetValue<Guid>()));
        Assert.That(stored.Title, Is.EqualTo("Lê Thị Thanh Hà chủ trì tọa đàm".Normalize(NormalizationForm.FormC)));
        Assert.That(stored.Title.IsNormalized(NormalizationForm.FormC), Is.True);
        Assert.That(stored.Slug, Is.EqualTo("le-thi-thanh-ha-chu-tri-toa-dam"));
    }

    [Test]
    public async Task CreateArticle_gives_clashing_titles_numbered_slugs()
    {
        using var admin = Admin();
        var slugs = new List<string>();
        foreach (var title in new[] { "Hội nghị khoa giáo", "Hội nghị khoa giáo", "Hội nghị khoa giáo!" })
        {
            slugs.Add((await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request(title)))["slug"]!.GetValue<string>());
        }

        Assert.That(slugs, Is.EqualTo(new[] { "hoi-nghi-khoa-giao", "hoi-nghi-khoa-giao-2", "hoi-nghi-khoa-giao-3" }));
    }

    [Test]
    public async Task CreateArticle_with_a_slug_already_in_use_returns_409_and_writes_nothing()
    {
        using var admin = Admin();
        await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài đầu", slug: "bai-viet"));

        var response = await admin.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Bài khác", slug: "bai-viet", tags: ["Từ khóa mới"]));

        var problem = await AssertProblemAsync(response, 409);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("bai-viet"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.Tags.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateArticle_sanitises_the_body()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài có mã độc",
            body: "<p onclick=\"steal()\">Tin</p><script>alert(1)</script><a href=\"javascript:alert(2)\">liên kết</a>"));

        var body = created["body"]!.GetValue<string>();
        Assert.That(body, Does.Not.Contain("script").And.Not.Contain("onclick").And.Not.Contain("javascript"));
        Assert.That(body, Does.Contain("<p>Tin</p>").And.Contain("liên kết"));
    }

    [Test]
    public async Task CreateArticle_ignores_server_owned_fields_in_the_body()
    {
        using var admin = Admin();
        var forgedId = Guid.NewGuid();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/articles", new
        {
            id = forgedId,
            title = "Bài thử",
            body = "<p>x</p>",
            status = "published",
            viewCount = 999999,
            publishedAt = "2020-01-01T00:00:00Z",
            createdAt = "2020-01-01T00:00:00Z",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var stored = await QueryAsync(db => db.Articles.SingleAsync());
        Assert.That(stored.Id, Is.Not.EqualTo(forgedId));
        Assert.That(stored.Status, Is.EqualTo(ArticleStatus.Draft));
        Assert.That(await QueryAsync(db => db.ArticleViewTotals.CountAsync()), Is.Zero);
        Assert.That(stored.PublishedAt, Is.Null);
        Assert.That(stored.CreatedAt.Year, Is.Not.EqualTo(2020));
    }

    [Test]
    public async Task CreateArticle_with_invalid_fields_returns_validation_problem_in_Vietnamese_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/articles", new
        {
            title = "",
            slug = "Không Hợp Lệ",
            body = "",
            coverImageUrl = "ftp://example.com/a.jpg",
            tags = Enumerable.Range(0, 21).Select(i => $"tag {i}").ToArray(),
            source = new { name = "", url = "not a url" },
        });

        var problem = await AssertValidationProblemAsync(response, "title", "slug", "body", "coverImageUrl", "tags", "source.name", "source.url");
        Assert.That(problem["errors"]!["title"]![0]!.GetValue<string>(), Does.Contain("không được rỗng"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.Tags.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateArticle_validation_messages_follow_Accept_Language_en()
    {
        using var admin = Admin();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var response = await admin.PostAsJsonAsync("/api/v1/admin/articles", new { title = "", body = "<p>x</p>" });

        var problem = await AssertValidationProblemAsync(response, "title");
        Assert.That(problem["errors"]!["title"]![0]!.GetValue<string>(), Does.Contain("must not be empty"));
    }

    [Test]
    public async Task CreateArticle_with_malformed_json_returns_400_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsync("/api/v1/admin/articles",
            new StringContent("{\"title\": \"Bài\", ", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, 400);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateArticle_with_a_non_json_body_returns_415_problem()
    {
        using var admin = Admin();
        var response = await admin.PostAsync("/api/v1/admin/articles", new StringContent("title=Bài", Encoding.UTF8, "text/plain"));

        var problem = await AssertProblemAsync(response, 415);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("application/json"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateArticle_with_a_body_over_the_size_limit_returns_413_problem()
    {
        using var admin = Admin();
        var json = System.Text.Json.JsonSerializer.Serialize(ArticleBuilder.Request("Bài quá dài", body: "<p>" + new string('a', 70_000) + "</p>"));
        var response = await admin.PostAsync("/api/v1/admin/articles", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, 413);
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("Nội dung quá lớn"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateArticle_without_a_key_returns_401_problem()
    {
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Bài"));

        await AssertProblemAsync(response, 401);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("ApiKey"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateArticle_with_an_unknown_key_returns_401_problem()
    {
        using var client = WithKey("kg_not-a-real-key");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Bài")), 401);
    }

    [Test]
    public async Task CreateArticle_with_a_read_only_key_returns_403_problem_and_writes_nothing()
    {
        using var reader = await WithScopesAsync(Scopes.ContentRead);
        var response = await reader.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Bài"));

        await AssertProblemAsync(response, 403);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateArticle_with_a_write_key_succeeds()
    {
        using var writer = await WithScopesAsync(Scopes.ContentWrite);
        await ArticleBuilder.CreateAsync(writer, ArticleBuilder.Request("Bài của cộng tác viên"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
    }
}
