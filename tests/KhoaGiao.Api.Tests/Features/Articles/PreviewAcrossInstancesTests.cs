using System.Net;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Articles;

/// <summary>
/// Preview links across two instances on one database: a link is the article id and its expiry, protected with the
/// Data Protection keys kept in the database and checked against the clock both instances read, so a link made on
/// one opens on the other until it expires, and is refused by both after. The product has no operation that revokes
/// one link; deleting the article is what ends a link before its time, so that is tested here too.
/// </summary>
public sealed class PreviewAcrossInstancesTests : TwoInstanceTest
{
    [Test]
    public async Task A_preview_link_made_on_one_instance_opens_the_draft_on_the_other()
    {
        using var admin = Admin();
        var (id, url) = await DraftWithLinkAsync(admin, "Bản nháp xem trên máy B");
        using var anonymousOnB = Second.CreateClient();

        var preview = await anonymousOnB.GetAsync(url);

        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(preview.Headers.CacheControl!.NoStore, Is.True);
        Assert.That((await ReadJsonAsync(preview))["title"]!.GetValue<string>(), Is.EqualTo("Bản nháp xem trên máy B"));
        await AssertProblemAsync(await anonymousOnB.GetAsync($"/api/v1/articles/{id}"), 404);
        Assert.That(await QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()), Is.EqualTo(ArticleStatus.Draft));
    }

    [Test]
    public async Task A_preview_link_made_on_the_other_instance_opens_the_draft_on_the_first()
    {
        using var admin = Admin();
        using var adminOnB = Second.CreateClient(KhoaGiaoApiFactory.BootstrapAdminKey);
        var draft = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp xem trên máy A"));
        var link = await adminOnB.PostAsync($"/api/v1/admin/articles/{draft["id"]}/preview-token", null);
        Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var anonymousOnA = Anonymous();

        var preview = await anonymousOnA.GetAsync((await ReadJsonAsync(link))["url"]!.GetValue<string>());

        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(preview))["id"]!.GetValue<string>(), Is.EqualTo(draft["id"]!.GetValue<string>()));
    }

    [Test]
    public async Task An_expired_preview_link_is_refused_on_both_instances()
    {
        using var admin = Admin();
        var (id, url) = await DraftWithLinkAsync(admin, "Bản nháp hết hạn trên hai máy");
        using var anonymousOnA = Anonymous();
        using var anonymousOnB = Second.CreateClient();
        Factory.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.That((await anonymousOnA.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "A refused the link before its time");
        Assert.That((await anonymousOnB.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "B refused the link before its time");

        Factory.Clock.Advance(TimeSpan.FromMinutes(2));

        var onA = await anonymousOnA.GetAsync(url);
        var onB = await anonymousOnB.GetAsync(url);
        await AssertProblemAsync(onA, 404);
        await AssertProblemAsync(onB, 404);
        Assert.That(onA.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(onB.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(await QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()), Is.EqualTo(ArticleStatus.Draft));
    }

    [Test]
    public async Task A_preview_link_of_a_draft_deleted_on_the_other_instance_is_refused_on_both()
    {
        using var admin = Admin();
        var (id, url) = await DraftWithLinkAsync(admin, "Bản nháp bị xóa trên máy B");
        using var anonymousOnA = Anonymous();
        using var anonymousOnB = Second.CreateClient();
        Assert.That((await anonymousOnA.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "A refused the link before the deletion");
        using var adminOnB = Second.CreateClient(KhoaGiaoApiFactory.BootstrapAdminKey);
        var etag = (await adminOnB.GetAsync($"/api/v1/admin/articles/{id}")).Headers.ETag!;
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/articles/{id}");
        delete.Headers.IfMatch.Add(etag);

        var deleted = await adminOnB.SendAsync(delete);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await anonymousOnA.GetAsync(url), 404);
        await AssertProblemAsync(await anonymousOnB.GetAsync(url), 404);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync(a => a.Id == id)), Is.Zero);
    }

    [Test]
    public async Task A_tampered_preview_link_or_one_for_another_article_is_refused_on_both_instances()
    {
        using var admin = Admin();
        var (_, url) = await DraftWithLinkAsync(admin, "Bản nháp có liên kết");
        var other = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp không có liên kết"));
        var token = Uri.UnescapeDataString(url[(url.IndexOf("?preview=", StringComparison.Ordinal) + "?preview=".Length)..]);
        var tampered = token[..^4] + (token[^4] == 'A' ? 'B' : 'A') + token[^3..];
        using var anonymousOnA = Anonymous();
        using var anonymousOnB = Second.CreateClient();

        foreach (var client in new[] { anonymousOnA, anonymousOnB })
        {
            await AssertProblemAsync(await client.GetAsync($"{url.Split('?')[0]}?preview={Uri.EscapeDataString(tampered)}"), 404);
            await AssertProblemAsync(await client.GetAsync($"/api/v1/articles/{other["id"]}?preview={Uri.EscapeDataString(token)}"), 404);
            Assert.That((await client.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the untouched link stopped working");
        }
    }

    /// <summary>A draft made on A and the preview URL A made for it.</summary>
    private static async Task<(Guid Id, string Url)> DraftWithLinkAsync(HttpClient admin, string title)
    {
        var draft = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request(title));
        var link = await admin.PostAsync($"/api/v1/admin/articles/{draft["id"]}/preview-token", null);
        Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.OK), "making the preview link failed");
        return (draft["id"]!.GetValue<Guid>(), (await ReadJsonAsync(link))["url"]!.GetValue<string>());
    }
}
