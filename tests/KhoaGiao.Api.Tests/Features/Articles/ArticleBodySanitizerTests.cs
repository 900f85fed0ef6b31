using KhoaGiao.Api.Features.Articles;

namespace KhoaGiao.Api.Tests.Features.Articles;

public sealed class ArticleBodySanitizerTests
{
    private readonly ArticleBodySanitizer _sanitizer = new();

    [Test]
    public void Script_elements_are_removed() =>
        Assert.That(_sanitizer.Sanitize("<p>Tin</p><script>alert('x')</script>"), Is.EqualTo("<p>Tin</p>"));

    [Test]
    public void Event_handler_attributes_are_removed()
    {
        var clean = _sanitizer.Sanitize("<img src=\"/a.jpg\" onerror=\"alert(1)\" alt=\"Ảnh\">");
        Assert.That(clean, Does.Not.Contain("onerror").And.Not.Contain("alert"));
        Assert.That(clean, Does.Contain("src=\"/a.jpg\"").And.Contain("alt=\"Ảnh\""));
    }

    [Test]
    public void Javascript_urls_are_removed()
    {
        var clean = _sanitizer.Sanitize("<a href=\"javascript:alert(1)\">bấm</a><a href=\"JaVaScRiPt&#58;alert(1)\">x</a>");
        Assert.That(clean, Does.Not.Contain("javascript").IgnoreCase);
        Assert.That(clean, Does.Contain("bấm"));
    }

    [Test]
    public void Styles_and_iframes_are_removed()
    {
        var clean = _sanitizer.Sanitize("<p style=\"background:url(javascript:x)\">a</p><iframe src=\"https://evil.example\"></iframe><style>p{}</style>");
        Assert.That(clean, Is.EqualTo("<p>a</p>"));
    }

    [Test]
    public void Nested_and_malformed_tags_do_not_smuggle_scripts()
    {
        var clean = _sanitizer.Sanitize("<p><scr<script>ipt>alert(1)</scr</script>ipt></p><svg><script>alert(2)</script></svg><p>kết thúc");
        Assert.That(clean, Does.Not.Contain("<script").IgnoreCase.And.Not.Contain("<svg").IgnoreCase);
        Assert.That(clean, Does.Contain("<p>kết thúc</p>"));
    }

    [Test]
    public void News_markup_with_figures_survives()
    {
        const string html = "<h2>Tiêu đề</h2><figure><img src=\"https://baohanam.com.vn/a.jpg\" alt=\"Đại biểu\"><figcaption>Các đại biểu dự tọa đàm.</figcaption></figure>"
            + "<blockquote>Trích dẫn</blockquote><ul><li><strong>Một</strong></li><li><em>Hai</em></li></ul><p><a href=\"https://baohanam.com.vn\">Báo Hà Nam</a></p>";
        Assert.That(_sanitizer.Sanitize(html), Is.EqualTo(html));
    }
}
