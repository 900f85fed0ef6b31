using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class RevisionTests : ApiTest
{
    [Test]
    public async Task Every_change_stores_a_revision_with_who_what_changed_and_the_content()
    {
        using var admin = Admin();
        using var editor = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        var article = await ArticleBuilder.CreateAsync(editor.Client, ArticleBuilder.Request("Tiêu đề một", tags: ["a"]));
        var url = $"/api/v1/admin/articles/{article["id"]}";
        await editor.Client.PutAsJsonAsync(url, ArticleBuilder.Request("Tiêu đề hai", tags: ["a"]));
        await editor.Client.PostAsync(url + "/publish", null);

        var list = await ReadJsonAsync(await editor.Client.GetAsync(url + "/revisions"));
        var revisions = list["items"]!.AsArray();

        Assert.That(revisions.Select(r => r!["action"]!.GetValue<string>()), Is.EqualTo(new[] { "published", "updated", "created" }));
        Assert.That(revisions.Select(r => r!["number"]!.GetValue<int>()), Is.EqualTo(new[] { 3, 2, 1 }));
        Assert.That(revisions[1]!["changedFields"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EqualTo(new[] { "title" }));
        Assert.That(revisions[0]!["changedFields"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EquivalentTo(new[] { "status", "publishedAt" }));
        Assert.That(revisions.Select(r => r!["actorId"]!.GetValue<string>()), Is.All.EqualTo(editor.UserId.ToString()));

        var first = await ReadJsonAsync(await editor.Client.GetAsync(url + "/revisions/1"));
        Assert.That(first["content"]!["title"]!.GetValue<string>(), Is.EqualTo("Tiêu đề một"));
        Assert.That(first["content"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task Restoring_a_revision_puts_back_its_content_as_a_new_revision()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản đầu", slug: "ban-dau", body: "<p>Nội dung đầu</p>"));
        var url = $"/api/v1/admin/articles/{article["id"]}";
        await admin.PutAsJsonAsync(url, ArticleBuilder.Request("Bản sau", slug: "ban-sau", body: "<p>Nội dung sau</p>"));

        var restored = await admin.PostAsync(url + "/revisions/1/restore", null);

        Assert.That(restored.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var stored = await QueryAsync(db => db.Articles.SingleAsync());
        Assert.That((stored.Title, stored.Slug, stored.Body), Is.EqualTo(("Bản đầu", "ban-dau", "<p>Nội dung đầu</p>")));
        var latest = await QueryAsync(db => db.ArticleRevisions.OrderByDescending(r => r.Number).FirstAsync());
        Assert.That((latest.Number, latest.Action, latest.Reason), Is.EqualTo((3, "restored", "from revision 1")));
    }

    [Test]
    public async Task Restoring_needs_If_Match_and_an_existing_revision_and_changes_nothing_otherwise()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản đầu"));
        var url = $"/api/v1/admin/articles/{article["id"]}";
        await admin.PutAsJsonAsync(url, ArticleBuilder.Request("Bản sau"));
        using var raw = Raw();

        await AssertProblemAsync(await raw.PostAsync(url + "/revisions/1/restore", null), 428);
        await AssertProblemAsync(await admin.PostAsync(url + "/revisions/9/restore", null), 404);
        await AssertProblemAsync(await admin.GetAsync(url + "/revisions/9"), 404);

        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).SingleAsync()), Is.EqualTo("Bản sau"));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync()), Is.EqualTo(2));
    }
}
