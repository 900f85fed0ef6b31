using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class GetArticleTests : ApiTest
{
    [Test]
    public async Task GetArticle_by_slug_or_id_returns_the_published_article_with_its_body()
    {
        using var admin = Admin();
        var published = await ArticleBuilder.CreatePublishedAsync(admin, "Hội thảo khoa học", Factory.Clock.GetUtcNow().AddMinutes(-5));

        using var anonymous = Anonymous();
        foreach (var key in new[] { "hoi-thao-khoa-hoc", published["id"]!.GetValue<string>() })
        {
            var response = await anonymous.GetAsync($"/api/v1/articles/{key}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var article = await ReadJsonAsync(response);
            Assert.That(article["title"]!.GetValue<string>(), Is.EqualTo("Hội thảo khoa học"));
            Assert.That(article["body"]!.GetValue<string>(), Is.EqualTo("<p>Nội dung bài viết.</p>"));
        }
    }

    [Test]
    public async Task Delivery_reads_pair_each_tag_slug_with_its_name_and_give_an_untagged_article_no_tags()
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Có thẻ", Factory.Clock.GetUtcNow().AddMinutes(-5),
            tags: ["Tọa đàm", "Khoa giáo", "Chuyển đổi số"]);
        await ArticleBuilder.CreatePublishedAsync(admin, "Không thẻ", Factory.Clock.GetUtcNow().AddMinutes(-4));

        using var anonymous = Anonymous();
        var tagged = Tags(await ReadJsonAsync(await anonymous.GetAsync("/api/v1/articles/co-the")));
        Assert.That(tagged, Is.EquivalentTo(new[] { ("toa-dam", "Tọa đàm"), ("khoa-giao", "Khoa giáo"), ("chuyen-doi-so", "Chuyển đổi số") }));
        Assert.That(Tags(await ReadJsonAsync(await anonymous.GetAsync("/api/v1/articles/khong-the"))), Is.Empty);

        var items = (await ReadJsonAsync(await anonymous.GetAsync("/api/v1/articles"))).AsObject()["items"]!.AsArray();
        Assert.That(Tags(items.Single(i => i!["slug"]!.GetValue<string>() == "co-the")!), Is.EqualTo(tagged), "the list gives the article's tags in its order");
        Assert.That(Tags(items.Single(i => i!["slug"]!.GetValue<string>() == "khong-the")!), Is.Empty);

        static (string Slug, string Name)[] Tags(System.Text.Json.Nodes.JsonNode article) => article["tags"]!.AsArray()
            .Select(t => (t!["slug"]!.GetValue<string>(), t["name"]!.GetValue<string>())).ToArray();
    }

    [Test]
    public async Task GetArticle_for_a_draft_returns_404_problem()
    {
        using var admin = Admin();
        var draft = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp"));

        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/articles/ban-nhap"), 404);
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/articles/{draft["id"]}"), 404);
    }

    [Test]
    public async Task GetArticle_for_a_scheduled_article_is_404_until_its_time_then_200()
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Bài hẹn giờ", Factory.Clock.GetUtcNow().AddMinutes(10));

        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/articles/bai-hen-gio"), 404);

        Factory.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.That(await Factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That((await anonymous.GetAsync("/api/v1/articles/bai-hen-gio")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task GetArticle_for_an_unknown_slug_returns_404_problem_naming_it()
    {
        using var anonymous = Anonymous();
        var problem = await AssertProblemAsync(await anonymous.GetAsync("/api/v1/articles/khong-co-bai-nay"), 404);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("khong-co-bai-nay"));
        Assert.That(problem["traceId"], Is.Not.Null);
    }

    [Test]
    public async Task GetArticle_by_a_former_slug_redirects_permanently_to_the_canonical_url()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreatePublishedAsync(admin, "Tên cũ", Factory.Clock.GetUtcNow().AddMinutes(-1));
        var update = await admin.PutAsJsonAsync($"/api/v1/admin/articles/{article["id"]}", ArticleBuilder.Request("Tên mới", slug: "ten-moi"));
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var anonymous = Anonymous();
        var response = await anonymous.GetAsync("/api/v1/articles/ten-cu");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo("/api/v1/articles/ten-moi"));
        Assert.That((await anonymous.GetAsync("/api/v1/articles/ten-moi")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task GetArticle_serves_Vietnamese_as_UTF8_not_escapes()
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Đinh Thị Lụa phát biểu", Factory.Clock.GetUtcNow().AddMinutes(-1));

        using var anonymous = Anonymous();
        var response = await anonymous.GetAsync("/api/v1/articles/dinh-thi-lua-phat-bieu");
        var raw = await response.Content.ReadAsStringAsync();

        Assert.That(response.Content.Headers.ContentType!.CharSet, Is.EqualTo("utf-8"));
        Assert.That(raw, Does.Contain("\"title\":\"Đinh Thị Lụa phát biểu\""));
        Assert.That(raw, Does.Not.Contain("\\u1EA1"));
    }
}
