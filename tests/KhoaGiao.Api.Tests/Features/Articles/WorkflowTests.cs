using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class WorkflowTests : ApiTest
{
    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, object id, string action, object? body = null) =>
        body is null
            ? await client.PostAsync($"/api/v1/admin/articles/{id}/{action}", null)
            : await client.PostAsJsonAsync($"/api/v1/admin/articles/{id}/{action}", body);

    private static async Task<ArticleStatus> StatusAsync(object id) =>
        await QueryAsync(db => db.Articles.Where(a => a.Id == Guid.Parse(id.ToString()!)).Select(a => a.Status).SingleAsync());

    [Test]
    public async Task An_author_writes_and_submits_an_editor_publishes_and_archives()
    {
        using var admin = Admin();
        using var author = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        using var editor = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        var article = await ArticleBuilder.CreateAsync(author.Client, ArticleBuilder.Request("Bài của tác giả"));
        Assert.That(article["authorId"]!.GetValue<Guid>(), Is.EqualTo(author.UserId));

        Assert.That((await ActAsync(author.Client, article["id"]!, "submit")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(article["id"]!), Is.EqualTo(ArticleStatus.InReview));
        Assert.That((await ActAsync(editor.Client, article["id"]!, "publish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(article["id"]!), Is.EqualTo(ArticleStatus.Published));
        Assert.That((await ActAsync(editor.Client, article["id"]!, "archive")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(article["id"]!), Is.EqualTo(ArticleStatus.Archived));
        Assert.That((await ActAsync(editor.Client, article["id"]!, "unpublish", new { reason = "Đưa về nháp để sửa." })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(article["id"]!), Is.EqualTo(ArticleStatus.Draft));
    }

    [Test]
    public async Task An_author_cannot_publish_and_nothing_changes()
    {
        using var admin = Admin();
        using var author = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        var article = await ArticleBuilder.CreateAsync(author.Client, ArticleBuilder.Request("Bài tự đăng"));

        await AssertProblemAsync(await ActAsync(author.Client, article["id"]!, "publish"), 403);

        Assert.That(await StatusAsync(article["id"]!), Is.EqualTo(ArticleStatus.Draft));
    }

    [Test]
    public async Task An_author_edits_only_own_drafts()
    {
        using var admin = Admin();
        using var author = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        using var other = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        var own = await ArticleBuilder.CreateAsync(author.Client, ArticleBuilder.Request("Bài của tôi"));
        var theirs = await ArticleBuilder.CreateAsync(other.Client, ArticleBuilder.Request("Bài của người khác"));

        Assert.That((await author.Client.PutAsJsonAsync($"/api/v1/admin/articles/{own["id"]}", ArticleBuilder.Request("Bài của tôi, đã sửa"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await author.Client.PutAsJsonAsync($"/api/v1/admin/articles/{theirs["id"]}", ArticleBuilder.Request("Sửa trộm")), 403);
        await AssertProblemAsync(await author.Client.DeleteAsync($"/api/v1/admin/articles/{theirs["id"]}"), 403);

        await ActAsync(author.Client, own["id"]!, "submit");
        await AssertProblemAsync(await author.Client.PutAsJsonAsync($"/api/v1/admin/articles/{own["id"]}", ArticleBuilder.Request("Sửa khi đang chờ duyệt")), 403);

        var titles = await QueryAsync(db => db.Articles.OrderBy(a => a.CreatedAt).Select(a => a.Title).ToListAsync());
        Assert.That(titles, Is.EqualTo(new[] { "Bài của tôi, đã sửa", "Bài của người khác" }));
    }

    [Test]
    public async Task An_editor_edits_anyones_article_in_any_status()
    {
        using var admin = Admin();
        using var author = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        using var editor = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        var article = await ArticleBuilder.CreateAsync(author.Client, ArticleBuilder.Request("Bài gốc"));
        await ActAsync(author.Client, article["id"]!, "submit");

        var response = await editor.Client.PutAsJsonAsync($"/api/v1/admin/articles/{article["id"]}", ArticleBuilder.Request("Biên tập viên sửa"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("archive", "draft")]
    [TestCase("reject", "draft")]
    [TestCase("unpublish", "draft")]
    public async Task An_illegal_transition_returns_409_naming_the_status_and_allowed_actions(string action, string status)
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp"));

        var problem = await AssertProblemAsync(await ActAsync(admin, article["id"]!, action, new { reason = "Lý do." }), 409);

        Assert.That(problem["articleStatus"]!.GetValue<string>(), Is.EqualTo(status));
        Assert.That(problem["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "submit", "publish" }));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(action).And.Contain("draft"));
        Assert.That(await StatusAsync(article["id"]!), Is.EqualTo(ArticleStatus.Draft));
    }

    [Test]
    public async Task Submitting_twice_is_a_409_and_rejecting_needs_a_reason()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài"));
        await ActAsync(admin, article["id"]!, "submit");

        await AssertProblemAsync(await ActAsync(admin, article["id"]!, "submit"), 409);
        await AssertValidationProblemAsync(await ActAsync(admin, article["id"]!, "reject", new { reason = "" }), "reason");
        Assert.That(await StatusAsync(article["id"]!), Is.EqualTo(ArticleStatus.InReview));

        Assert.That((await ActAsync(admin, article["id"]!, "reject", new { reason = "Thiếu nguồn." })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(article["id"]!), Is.EqualTo(ArticleStatus.Draft));
        var revision = await QueryAsync(db => db.ArticleRevisions.OrderByDescending(r => r.Number).FirstAsync());
        Assert.That(revision.Action, Is.EqualTo("rejected"));
        Assert.That(revision.Reason, Is.EqualTo("Thiếu nguồn."));
    }

    [Test]
    public async Task Writes_without_If_Match_get_428_and_with_a_stale_one_412_and_change_nothing()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài gốc"));
        var id = article["id"]!.GetValue<Guid>();
        using var raw = Raw();

        await AssertProblemAsync(await raw.PutAsJsonAsync($"/api/v1/admin/articles/{id}", ArticleBuilder.Request("Không If-Match")), 428);
        await AssertProblemAsync(await raw.PostAsync($"/api/v1/admin/articles/{id}/publish", null), 428);
        await AssertProblemAsync(await raw.DeleteAsync($"/api/v1/admin/articles/{id}"), 428);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/articles/{id}/publish");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await AssertProblemAsync(await raw.SendAsync(stale), 412);

        var stored = await QueryAsync(db => db.Articles.SingleAsync());
        Assert.That(stored.Title, Is.EqualTo("Bài gốc"));
        Assert.That(stored.Status, Is.EqualTo(ArticleStatus.Draft));
    }

    [Test]
    public async Task Two_editors_saving_the_same_version_cannot_overwrite_each_other()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài gốc"));
        using var raw = Raw();
        var etag = (await raw.GetAsync($"/api/v1/admin/articles/{article["id"]}")).Headers.ETag!;

        var saves = await Task.WhenAll(new[] { "Biên tập viên A", "Biên tập viên B" }.Select(title =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/articles/{article["id"]}") { Content = JsonContent.Create(ArticleBuilder.Request(title)) };
            request.Headers.IfMatch.Add(etag);
            return raw.SendAsync(request);
        }));

        Assert.That(saves.Select(s => (int)s.StatusCode).Order().ToArray(), Is.EqualTo(new[] { 200, 412 }), string.Join(" | ", await Task.WhenAll(saves.Select(s => s.Content.ReadAsStringAsync()))));
        var winner = (await ReadJsonAsync(saves.Single(s => s.IsSuccessStatusCode)))["title"]!.GetValue<string>();
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).SingleAsync()), Is.EqualTo(winner));
    }
}
