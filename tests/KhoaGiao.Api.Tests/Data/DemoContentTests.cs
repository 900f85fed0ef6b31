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
        Assert.That(article["body"]!.GetValue<string>(), Does.Contain("<figcaption>Các đại biểu dự tọa đàm.</figcaption>"));
    }

    [Test]
    public async Task Seeding_twice_does_not_duplicate_anything()
    {
        await SeedAsync();
        await SeedAsync();

        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.Tags.CountAsync()), Is.EqualTo(3));
        Assert.That(await QueryAsync(db => db.Categories.CountAsync()), Is.EqualTo(1));
    }
}
