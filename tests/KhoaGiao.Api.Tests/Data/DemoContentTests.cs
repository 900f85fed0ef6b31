using KhoaGiao.Api.Data.Demo;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Data;

public sealed class DemoContentTests : ApiTest
{
    private static async Task SeedAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoContentSeeder>().SeedAsync(CancellationToken.None);
    }

    [Test]
    public async Task Seeded_article_is_served_at_its_slug_with_title_views_and_source()
    {
        await SeedAsync();

        using var anonymous = Anonymous();
        var response = await anonymous.GetAsync($"/api/v1/articles/{DemoContentSeeder.SeedSlug}");
        var article = await ReadJsonAsync(response);

        Assert.That(article["title"]!.GetValue<string>(), Is.EqualTo("Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”"));
        Assert.That(article["viewCount"]!.GetValue<long>(), Is.EqualTo(407));
        Assert.That(article["source"]!["name"]!.GetValue<string>(), Is.EqualTo("Báo Hà Nam"));
        Assert.That(article["publishedAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(new DateTimeOffset(2023, 8, 16, 18, 0, 0, TimeSpan.FromHours(7))));
        Assert.That(article["body"]!.GetValue<string>(), Does.Contain(
            $"<figcaption>Các đại biểu dự tọa đàm. <small class=\"credit\">{DemoContentSeeder.PhotoCredit}</small></figcaption>"));
    }

    [Test]
    public async Task Seeded_photos_are_media_items_with_the_page_captions_served_in_every_width()
    {
        await SeedAsync();

        using var anonymous = Anonymous();
        var article = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/articles/{DemoContentSeeder.SeedSlug}"));
        var cover = article["cover"]!;
        Assert.That(cover["caption"]!.GetValue<string>(), Is.EqualTo("Các đại biểu dự tọa đàm."));
        Assert.That(cover["credit"]!.GetValue<string>(), Is.EqualTo(DemoContentSeeder.PhotoCredit));
        Assert.That(cover["sources"]!.AsArray().Select(s => s!["width"]!.GetValue<int>()).Distinct(), Is.EqualTo(new[] { 320, 640, 1024, 1600 }));
        Assert.That(await QueryAsync(db => db.MediaItems.CountAsync()), Is.EqualTo(3));
        Assert.That(await QueryAsync(db => db.ArticleFigures.CountAsync()), Is.EqualTo(3));

        var rendition = await anonymous.GetAsync(cover["sources"]![0]!["url"]!.GetValue<string>());
        Assert.That(rendition.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        Assert.That(rendition.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/webp"));
        Assert.That(article["body"]!.GetValue<string>().Split("<figure data-media-id=").Length - 1, Is.EqualTo(3));
    }

    [Test]
    public async Task Seeding_twice_does_not_duplicate_anything()
    {
        await SeedAsync();
        await SeedAsync();

        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.MediaItems.CountAsync()), Is.EqualTo(3));
        Assert.That(await QueryAsync(db => db.Tags.CountAsync()), Is.EqualTo(3));
        Assert.That(await QueryAsync(db => db.Categories.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(3));
        Assert.That(await QueryAsync(db => db.Organisations.CountAsync()), Is.EqualTo(2));
        Assert.That(await QueryAsync(db => db.Participations.CountAsync()), Is.EqualTo(5));
    }

    [Test]
    public async Task Seeded_event_shows_who_chaired_directed_and_concluded_and_links_the_article()
    {
        await SeedAsync();

        using var anonymous = Anonymous();
        var page = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/events/{DemoEventSeeder.EventSlug}"));
        var byRole = page["participants"]!.AsArray().ToDictionary(
            g => g!["role"]!.GetValue<string>(),
            g => g!["participants"]!.AsArray().Select(p => p!["fullName"]!.GetValue<string>()).ToList());

        Assert.That(page["kind"]!.GetValue<string>(), Is.EqualTo("toaDam"));
        Assert.That(page["organiser"]!["shortName"]!.GetValue<string>(), Is.EqualTo("BTG Tỉnh ủy"));
        Assert.That(page["localDate"]!.GetValue<string>(), Is.EqualTo("2023-08-16"));
        Assert.That(byRole["chuTri"], Is.EqualTo(new[] { "Lê Thị Thanh Hà", "Nguyễn Hải Long" }));
        Assert.That(byRole["phatBieuChiDao"], Is.EqualTo(new[] { "Đinh Thị Lụa" }));
        Assert.That(byRole["phatBieuKetLuan"], Is.EqualTo(new[] { "Lê Thị Thanh Hà" }));
        Assert.That(byRole["du"], Is.EqualTo(new[] { "Đinh Thị Lụa" }));
        Assert.That(page["articles"]!.AsArray().Single()!["slug"]!.GetValue<string>(), Is.EqualTo(DemoContentSeeder.SeedSlug));

        var lua = page["participants"]![1]!["participants"]![0]!;
        Assert.That(lua["titleAtEvent"]!.GetValue<string>(), Is.EqualTo("Phó Bí thư Thường trực Tỉnh ủy"));
        var people = await ReadJsonAsync(await anonymous.GetAsync("/api/v1/people?q=dinh thi lua"));
        Assert.That(people["items"]!.AsArray().Single()!["fullName"]!.GetValue<string>(), Is.EqualTo("Đinh Thị Lụa"));
    }

    [Test]
    public async Task Demo_accounts_sign_in_with_their_documented_passwords_and_are_seeded_once()
    {
        for (var i = 0; i < 2; i++)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoUserSeeder>().SeedAsync();
        }

        Assert.That(await QueryAsync(db => db.Users.CountAsync()), Is.EqualTo(DemoUserSeeder.Accounts.Count));
        using var client = Anonymous();
        foreach (var (email, _, password, role) in DemoUserSeeder.Accounts)
        {
            var login = await UserBuilder.LoginAsync(client, email, password);
            Assert.That((int)login.StatusCode, Is.EqualTo(200), email);
            var token = (await ReadJsonAsync(login))["accessToken"]!.GetValue<string>();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var me = await ReadJsonAsync(await client.SendAsync(request));
            Assert.That(me["scopes"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EquivalentTo(KhoaGiao.Api.Security.Roles.ScopesOf(role)), role);
        }
    }
}
