using System.Net;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class PreviewTests : ApiTest
{
    private static async Task<(string Id, string Token)> DraftWithTokenAsync(HttpClient admin, string title)
    {
        var draft = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request(title));
        var token = await ReadJsonAsync(await admin.PostAsync($"/api/v1/admin/articles/{draft["id"]}/preview-token", null));
        return (draft["id"]!.GetValue<string>(), token["token"]!.GetValue<string>());
    }

    [Test]
    public async Task A_preview_token_shows_its_draft_uncached()
    {
        using var admin = Admin();
        var (id, token) = await DraftWithTokenAsync(admin, "Bản nháp xem trước");
        using var anonymous = Anonymous();

        var byId = await anonymous.GetAsync($"/api/v1/articles/{id}?preview={Uri.EscapeDataString(token)}");
        var bySlug = await anonymous.GetAsync($"/api/v1/articles/ban-nhap-xem-truoc?preview={Uri.EscapeDataString(token)}");

        Assert.That(byId.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(byId.Headers.CacheControl!.NoStore, Is.True);
        Assert.That((await ReadJsonAsync(byId))["title"]!.GetValue<string>(), Is.EqualTo("Bản nháp xem trước"));
        Assert.That(bySlug.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/articles/{id}"), 404);
    }

    [Test]
    public async Task An_expired_token_shows_nothing()
    {
        using var admin = Admin();
        var (id, token) = await DraftWithTokenAsync(admin, "Bản nháp hết hạn");
        Factory.Clock.Advance(TimeSpan.FromMinutes(61));

        using var anonymous = Anonymous();
        var response = await anonymous.GetAsync($"/api/v1/articles/{id}?preview={Uri.EscapeDataString(token)}");

        await AssertProblemAsync(response, 404);
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
    }

    [Test]
    public async Task A_tampered_token_shows_nothing()
    {
        using var admin = Admin();
        var (id, token) = await DraftWithTokenAsync(admin, "Bản nháp bị sửa token");
        var tampered = token[..^4] + (token[^4] == 'A' ? 'B' : 'A') + token[^3..];

        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/articles/{id}?preview={Uri.EscapeDataString(tampered)}"), 404);
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/articles/{id}?preview=khong-phai-token"), 404);
    }

    [Test]
    public async Task A_token_for_another_article_shows_nothing()
    {
        using var admin = Admin();
        var (_, token) = await DraftWithTokenAsync(admin, "Bản nháp thứ nhất");
        var (otherId, _) = await DraftWithTokenAsync(admin, "Bản nháp thứ hai");

        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/articles/{otherId}?preview={Uri.EscapeDataString(token)}"), 404);
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/articles/ban-nhap-thu-hai?preview={Uri.EscapeDataString(token)}"), 404);
    }
}
