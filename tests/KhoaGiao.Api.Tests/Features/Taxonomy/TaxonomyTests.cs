using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Features.Taxonomy;

public sealed class TaxonomyTests : ApiTest
{
    [Test]
    public async Task ListCategories_lists_only_categories_of_published_articles_and_counts_those()
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Một", category: "Hoạt động khoa giáo");
        await ArticleBuilder.CreatePublishedAsync(admin, "Hai", category: "Hoạt động khoa giáo");
        await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Nháp", category: "Hoạt động khoa giáo"));
        await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Nháp khác", category: "Giáo dục"));

        using var anonymous = Anonymous();
        var page = await ReadJsonAsync(await anonymous.GetAsync("/api/v1/categories"));

        var counts = page["items"]!.AsArray().ToDictionary(c => c!["slug"]!.GetValue<string>(), c => c!["articleCount"]!.GetValue<int>());
        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, int> { ["hoat-dong-khoa-giao"] = 2 }));
        Assert.That(page["nextCursor"], Is.Null);
    }

    [Test]
    public async Task ListTags_counts_only_published_articles_and_shares_one_row_per_slug()
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Một", tags: ["Tọa đàm", "Khoa giáo"]);
        await ArticleBuilder.CreatePublishedAsync(admin, "Hai", tags: ["toạ đàm"]);
        await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Nháp", tags: ["Khoa giáo"]));

        using var anonymous = Anonymous();
        var page = await ReadJsonAsync(await anonymous.GetAsync("/api/v1/tags"));

        var counts = page["items"]!.AsArray().ToDictionary(c => c!["slug"]!.GetValue<string>(), c => c!["articleCount"]!.GetValue<int>());
        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, int> { ["khoa-giao"] = 1, ["toa-dam"] = 2 }));
    }
}
