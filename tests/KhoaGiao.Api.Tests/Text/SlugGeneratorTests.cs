using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Tests.Text;

public sealed class SlugGeneratorTests
{
    [TestCase("Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”",
        "toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam")]
    [TestCase("Đảng bộ tỉnh lần thứ XX", "dang-bo-tinh-lan-thu-xx")]
    [TestCase("ĐỒNG CHÍ ĐINH THỊ LỤA", "dong-chi-dinh-thi-lua")]
    [TestCase("Quyết định số 238, ngày 30/9/2020 của Ban Bí thư khóa XII", "quyet-dinh-so-238-ngay-30-9-2020-cua-ban-bi-thu-khoa-xii")]
    [TestCase("  KT-XH --- phát triển!!! ", "kt-xh-phat-trien")]
    [TestCase("Hòa bình và hoà bình", "hoa-binh-va-hoa-binh")]
    [TestCase("Thủy lợi, thuỷ sản", "thuy-loi-thuy-san")]
    [TestCase("Người dân “vui mừng” – ‘phấn khởi’…", "nguoi-dan-vui-mung-phan-khoi")]
    [TestCase("Ưu tiên ươm mầm", "uu-tien-uom-mam")]
    public void FromTitle_folds_Vietnamese_to_ascii_words_joined_by_hyphens(string title, string expected) =>
        Assert.That(SlugGenerator.FromTitle(title), Is.EqualTo(expected));

    [Test]
    public void FromTitle_gives_the_same_slug_for_NFD_and_NFC_input()
    {
        const string title = "Tọa đàm khoa giáo";
        Assert.That(SlugGenerator.FromTitle(title.Normalize(System.Text.NormalizationForm.FormD)),
            Is.EqualTo(SlugGenerator.FromTitle(title)).And.EqualTo("toa-dam-khoa-giao"));
    }

    [Test]
    public void FromTitle_is_empty_for_a_title_without_letters_or_digits() =>
        Assert.That(SlugGenerator.FromTitle("“…” – !!!"), Is.Empty);

    [Test]
    public void FromTitle_cuts_long_titles_at_a_word_boundary_within_the_limit()
    {
        var slug = SlugGenerator.FromTitle(string.Join(' ', Enumerable.Repeat("khoa giáo", 60)));
        Assert.That(slug.Length, Is.LessThanOrEqualTo(SlugGenerator.MaxLength));
        Assert.That(slug, Does.Not.EndWith("-"));
        Assert.That(slug.Split('-'), Has.All.AnyOf("khoa", "giao"));
    }

    [TestCase("toa-dam", 1, "toa-dam")]
    [TestCase("toa-dam", 2, "toa-dam-2")]
    [TestCase("toa-dam", 13, "toa-dam-13")]
    public void WithSuffix_numbers_clashes_from_2(string slug, int number, string expected) =>
        Assert.That(SlugGenerator.WithSuffix(slug, number), Is.EqualTo(expected));

    [Test]
    public void WithSuffix_keeps_a_maximal_slug_within_the_limit()
    {
        var slug = new string('a', SlugGenerator.MaxLength);
        Assert.That(SlugGenerator.WithSuffix(slug, 12), Has.Length.LessThanOrEqualTo(SlugGenerator.MaxLength).And.EndsWith("-12"));
    }

    [TestCase("toa-dam", true)]
    [TestCase("toa-dam-2023", true)]
    [TestCase("Toa-dam", false)]
    [TestCase("tọa-đàm", false)]
    [TestCase("toa--dam", false)]
    [TestCase("-toa-dam", false)]
    [TestCase("toa dam", false)]
    [TestCase("", false)]
    public void IsValid_accepts_only_lowercase_ascii_words_joined_by_single_hyphens(string slug, bool valid) =>
        Assert.That(SlugGenerator.IsValid(slug), Is.EqualTo(valid));
}
