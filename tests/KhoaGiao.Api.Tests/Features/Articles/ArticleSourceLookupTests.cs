using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

/// <summary>Finding an article by where it came from, and the conflict when a second one claims the same origin.</summary>
public sealed class ArticleSourceLookupTests : ApiTest
{
    private static object FromSource(string title, string source, string externalId) =>
        new { title, summary = "Tóm tắt.", body = "<p>Nội dung.</p>", source = new { name = source, externalId } };

    [Test]
    public async Task AdminGetArticleBySource_finds_the_article_whatever_the_case_diacritics_and_spaces_of_the_source()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, FromSource("Tọa đàm khoa giáo", "Báo Hà Nam", "12345"));

        var response = await admin.GetAsync(UpsertArticleBySourceTests.BySource(" bao  HA nam ", "12345"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(response);
        Assert.That(body["id"]!.GetValue<Guid>(), Is.EqualTo(created["id"]!.GetValue<Guid>()));
        Assert.That(body["source"]!["name"]!.GetValue<string>(), Is.EqualTo("Báo Hà Nam"));
        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo($"\"{body["version"]}\""));
    }

    [Test]
    public async Task AdminGetArticleBySource_for_an_unknown_id_is_a_404_problem_naming_it()
    {
        using var admin = Admin();
        await ArticleBuilder.CreateAsync(admin, FromSource("Bài có nguồn", "Báo Hà Nam", "1"));
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var problem = await AssertProblemAsync(await admin.GetAsync(UpsertArticleBySourceTests.BySource("Báo Hà Nam", "2")), 404);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Báo Hà Nam").And.Contain("'2'"));
    }

    [Test]
    public async Task AdminGetArticleBySource_needs_content_read()
    {
        using var anonymous = Anonymous();

        await AssertProblemAsync(await anonymous.GetAsync(UpsertArticleBySourceTests.BySource("Báo Hà Nam", "1")), 401);
    }

    [Test]
    public async Task AdminListArticles_filters_by_folded_source_and_by_external_id()
    {
        using var admin = Admin();
        var first = await ArticleBuilder.CreateAsync(admin, FromSource("Bài một", "Báo Hà Nam", "1"));
        var second = await ArticleBuilder.CreateAsync(admin, FromSource("Bài hai", "Báo Hà Nam", "2"));
        await ArticleBuilder.CreateAsync(admin, FromSource("Bài khác nguồn", "Báo Nhân Dân", "1"));
        await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài không nguồn"));

        var bySource = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/articles?source=BAO%20HA%20NAM"));
        var byBoth = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/articles?source=b%C3%A1o%20h%C3%A0%20nam&externalId=1"));

        Assert.That(bySource["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()),
            Is.EquivalentTo(new[] { first["id"]!.GetValue<Guid>(), second["id"]!.GetValue<Guid>() }));
        Assert.That(byBoth["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { first["id"]!.GetValue<Guid>() }));
    }

    [Test]
    public async Task CreateArticle_with_a_source_id_another_article_has_is_a_409_naming_the_field_and_that_article_and_creates_nothing()
    {
        using var admin = Admin();
        var holder = await ArticleBuilder.CreateAsync(admin, FromSource("Bài gốc", "Báo Hà Nam", "12345"));

        var vietnamese = await admin.PostAsJsonAsync("/api/v1/admin/articles", FromSource("Bài đẩy lại", "báo hà nam", "12345"));
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await admin.PostAsJsonAsync("/api/v1/admin/articles", FromSource("Bài đẩy lại", "BÁO HÀ NAM", "12345"));

        var holderId = holder["id"]!.GetValue<Guid>();
        foreach (var response in new[] { vietnamese, english })
        {
            var problem = await AssertProblemAsync(response, 409);
            Assert.That(problem["field"]!.GetValue<string>(), Is.EqualTo("source.externalId"));
            Assert.That(problem["existingId"]!.GetValue<Guid>(), Is.EqualTo(holderId));
        }

        Assert.That((await ReadJsonAsync(vietnamese))["detail"]!.GetValue<string>(), Does.StartWith("Trường 'source.externalId'"));
        Assert.That((await ReadJsonAsync(english))["detail"]!.GetValue<string>(), Does.StartWith("Field 'source.externalId'"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
    }
}
