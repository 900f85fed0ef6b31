using KhoaGiao.Api.Features.Imports;

namespace KhoaGiao.Api.Tests.Features.Imports;

/// <summary>Plain text from a source's HTML (titles, summaries, category names), as a reader sees it.</summary>
public sealed class ImportedHtmlTests
{
    [TestCase("<p>Tọa đàm</p><p>khoa giáo</p>", "Tọa đàm khoa giáo")]
    [TestCase("Dòng một<br>dòng hai", "Dòng một dòng hai")]
    [TestCase("<ul><li>Một</li><li>Hai</li></ul>", "Một Hai")]
    [TestCase("<h2>Tin</h2>Nội dung", "Tin Nội dung")]
    public void Block_elements_and_line_breaks_part_words(string html, string expected) =>
        Assert.That(ImportedHtml.PlainText(html), Is.EqualTo(expected));

    [TestCase("<strong>Hà</strong>Nam", "HàNam")]
    [TestCase("Tỉnh <em>Hà</em> <a href=\"/x\">Nam</a>", "Tỉnh Hà Nam")]
    public void Inline_elements_do_not_part_words(string html, string expected) =>
        Assert.That(ImportedHtml.PlainText(html), Is.EqualTo(expected));

    [Test]
    public void Scripts_and_styles_are_no_text_and_entities_are_decoded_into_NFC()
    {
        Assert.That(ImportedHtml.PlainText("<p>Tin</p><script>alert('x')</script><style>p{}</style><p>mới &amp; hay</p>"),
            Is.EqualTo("Tin mới & hay"));
        Assert.That(ImportedHtml.PlainText("to\u0323a \u0111a\u0300m"), Is.EqualTo("tọa đàm"), "combining marks composed");
        Assert.That(ImportedHtml.PlainText("<p> </p><br>"), Is.Null);
    }
}
