using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Tests.Text;

public sealed class HtmlNestingTests
{
    [TestCase("<p>chữ</p>", 1, true)]
    [TestCase("<p><b>chữ</b></p>", 1, false)]
    [TestCase("<p><b>chữ</b></p>", 2, true)]
    [TestCase("<p>a</p><p>b</p><p>c</p>", 1, true)]
    [TestCase("<p>a<br>b<img src=\"/a.jpg\">c<hr/></p>", 1, true)]
    [TestCase("<p><span/><span/><span/></p>", 1, true)]
    [TestCase("<p title=\"a > b <i>\">chữ</p>", 1, true)]
    [TestCase("<ul><li><b>a</ul><p>b</p>", 3, true)]
    [TestCase("<b><b><b></i></i></i>", 2, false)]
    [TestCase("<b><b><b></i></i></i>", 3, true)]
    [TestCase("<!-- <b><b><b> -->chữ", 0, true)]
    [TestCase("<!-- <b> --><b>chữ</b>", 0, false)]
    [TestCase("a < b and c <> d", 0, true)]
    [TestCase("", 0, true)]
    public void IsWithin_counts_open_elements_and_what_end_tags_really_close(string html, int maxDepth, bool expected) =>
        Assert.That(HtmlNesting.IsWithin(html, maxDepth), Is.EqualTo(expected));

    [Test]
    public void End_tags_that_close_nothing_do_not_hide_elements_left_open()
    {
        var body = string.Concat(Enumerable.Repeat("<b><b><b></i></i></i>", 100));

        Assert.That(HtmlNesting.IsWithin(body, 256), Is.False);
        Assert.That(HtmlNesting.IsWithin(body, 300), Is.True);
    }
}
