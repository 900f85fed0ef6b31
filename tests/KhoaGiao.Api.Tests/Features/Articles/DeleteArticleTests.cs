using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class DeleteArticleTests : ApiTest
{
    [Test]
    public async Task DeleteArticle_removes_the_article_and_its_former_slugs()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreatePublishedAsync(admin, "Bài sẽ xóa");
        await admin.PutAsJsonAsync($"/api/v1/admin/articles/{created["id"]}", ArticleBuilder.Request("Bài sẽ xóa", slug: "bai-doi-ten"));

        var response = await admin.DeleteAsync($"/api/v1/admin/articles/{created["id"]}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.ArticleSlugRedirects.CountAsync()), Is.Zero);
        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/articles/bai-se-xoa"), 404);
    }

    [Test]
    public async Task DeleteArticle_for_an_unknown_id_returns_404_problem()
    {
        using var admin = Admin();
        await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/articles/{Guid.NewGuid()}"), 404);
    }

    [Test]
    public async Task DeleteArticle_with_a_read_only_key_returns_403_and_deletes_nothing()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài"));
        using var reader = await WithScopesAsync(Scopes.ContentRead);

        await AssertProblemAsync(await reader.DeleteAsync($"/api/v1/admin/articles/{created["id"]}"), 403);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task DeleteArticle_with_a_stale_If_Match_returns_412_and_deletes_nothing()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài"));
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/articles/{created["id"]}");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        await AssertProblemAsync(await admin.SendAsync(request), 412);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
    }
}
