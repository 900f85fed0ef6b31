using System.Text;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Tests.Text;

public sealed class VietnameseTextTests
{
    [TestCase("Đinh Thị Lụa", "dinh thi lua")]
    [TestCase("Tọa đàm", "toa dam")]
    [TestCase("Toạ đàm", "toa dam")]
    [TestCase("HÒA BÌNH", "hoa binh")]
    public void Fold_removes_marks_and_case(string text, string expected) =>
        Assert.That(VietnameseText.Fold(text), Is.EqualTo(expected));

    [Test]
    public void Nfc_composes_decomposed_text()
    {
        var decomposed = "Lê Thị Thanh Hà".Normalize(NormalizationForm.FormD);
        var composed = VietnameseText.Nfc(decomposed);
        Assert.That(composed, Is.EqualTo("Lê Thị Thanh Hà"));
        Assert.That(composed.IsNormalized(NormalizationForm.FormC), Is.True);
        Assert.That(decomposed.Length, Is.GreaterThan(composed.Length));
    }
}
