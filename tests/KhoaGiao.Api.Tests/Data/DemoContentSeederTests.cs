using KhoaGiao.Api.Data.Demo;

namespace KhoaGiao.Api.Tests.Data;

public sealed class DemoContentSeederParseTests
{
    private static DemoContentSeeder.SeedPage Page() =>
        DemoContentSeeder.Parse(File.ReadAllText(Path.Combine(
            KhoaGiao.Api.Tests.TestHost.TestDatabase.RepositoryRoot(), "src", "KhoaGiao.Api", "Data", "Demo", "seed-article.txt")));

    [Test]
    public void Parse_reads_the_title_and_view_count()
    {
        var page = Page();
        Assert.That(page.Title, Is.EqualTo("Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”"));
        Assert.That(page.Views, Is.EqualTo(407));
        Assert.That(page.Lead, Does.StartWith("Chiều 16/8, Ban Tuyên giáo (BTG) Tỉnh ủy tổ chức Tọa đàm"));
    }

    [Test]
    public void Parse_finds_the_three_captions_where_the_photos_go_and_leaves_the_widgets_out()
    {
        var page = Page();
        var body = page.BodyHtml(photo => $"<figure id=\"photo-{photo}\"></figure>");
        Assert.That(page.Captions, Is.EqualTo(new[]
        {
            "Các đại biểu dự tọa đàm.",
            "Lãnh đạo Ban Tuyên giáo Tỉnh ủy chủ trì tọa đàm.",
            "Đồng chí Đinh Thị Lụa, Phó Bí thư Thường trực Tỉnh ủy phát biểu chỉ đạo tại tọa đàm.",
        }));
        Assert.That(body.Split("<figure ").Length - 1, Is.EqualTo(3));
        Assert.That(body.IndexOf("photo-0", StringComparison.Ordinal), Is.LessThan(body.IndexOf("photo-1", StringComparison.Ordinal)));
        Assert.That(body, Does.Not.Contain("Các đại biểu dự tọa đàm."), "a caption is the photo's, not a paragraph");
        Assert.That(body, Does.Not.Contain("No title").And.Not.Contain("Thống kê truy cập").And.Not.Contain("Đăng nhập").And.Not.Contain("Nguồn Báo Hà Nam"));
    }
}
