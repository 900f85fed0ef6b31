using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class PublishArticleTests : ApiTest
{
    [Test]
    public async Task PublishArticle_without_a_body_publishes_now_and_makes_it_visible()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin nóng"));
        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/articles/tin-nong"), 404);

        var response = await admin.PostAsync($"/api/v1/admin/articles/{created["id"]}/publish", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(response))["status"]!.GetValue<string>(), Is.EqualTo("published"));
        Assert.That((await anonymous.GetAsync("/api/v1/articles/tin-nong")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PublishArticle_with_a_publish_time_stores_it_in_UTC()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tọa đàm chiều 16/8"));
        var localTime = new DateTimeOffset(2023, 8, 16, 18, 0, 0, TimeSpan.FromHours(7));

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/articles/{created["id"]}/publish", new { publishedAt = localTime });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var stored = await QueryAsync(db => db.Articles.SingleAsync());
        Assert.That(stored.PublishedAt, Is.EqualTo(localTime));
        Assert.That(stored.PublishedAt!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task PublishArticle_with_a_content_write_key_returns_403_and_leaves_it_a_draft()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài"));
        using var writer = await WithScopesAsync(Scopes.ContentWrite);

        await AssertProblemAsync(await writer.PostAsync($"/api/v1/admin/articles/{created["id"]}/publish", null), 403);
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Status).SingleAsync()), Is.EqualTo(ArticleStatus.Draft));
    }

    [Test]
    public async Task PublishArticle_with_a_publish_key_succeeds()
    {
        using var admin = Admin();
        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài"));
        using var publisher = await WithScopesAsync(Scopes.ContentPublish);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/articles/{created["id"]}/publish");
        request.Headers.IfMatch.Add((await admin.GetAsync($"/api/v1/admin/articles/{created["id"]}")).Headers.ETag!);

        Assert.That((await publisher.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Status).SingleAsync()), Is.EqualTo(ArticleStatus.Published));
    }

    [Test]
    public async Task PublishArticle_for_an_unknown_id_returns_404_problem()
    {
        using var admin = Admin();
        await AssertProblemAsync(await admin.PostAsync($"/api/v1/admin/articles/{Guid.NewGuid()}/publish", null), 404);
    }

    [Test]
    public async Task UnpublishArticle_hides_the_article_from_the_delivery_api()
    {
        using var admin = Admin();
        var published = await ArticleBuilder.CreatePublishedAsync(admin, "Bài sẽ gỡ", Factory.Clock.GetUtcNow().AddMinutes(-1));
        using var anonymous = Anonymous();
        Assert.That((await anonymous.GetAsync("/api/v1/articles/bai-se-go")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var response = await admin.PostAsync($"/api/v1/admin/articles/{published["id"]}/unpublish", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(response))["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/articles/bai-se-go"), 404);
        var list = await ReadJsonAsync(await anonymous.GetAsync("/api/v1/articles"));
        Assert.That(list["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task UnpublishArticle_without_a_key_returns_401_and_leaves_it_published()
    {
        using var admin = Admin();
        var published = await ArticleBuilder.CreatePublishedAsync(admin, "Bài");
        using var anonymous = Anonymous();

        await AssertProblemAsync(await anonymous.PostAsync($"/api/v1/admin/articles/{published["id"]}/unpublish", null), 401);
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Status).SingleAsync()), Is.EqualTo(ArticleStatus.Published));
    }
}
