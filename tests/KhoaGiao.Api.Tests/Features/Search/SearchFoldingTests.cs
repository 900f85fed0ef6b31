using System.Net.Http.Json;
using System.Text;
using KhoaGiao.Api.Features.Search;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Search;

public sealed class SearchFoldingTests : ApiTest
{
    [TestCase("Kỹ năng số", "ki nang so")]
    [TestCase("kĩ năng số", "ki nang so")]
    [TestCase("Lý Nhân", "li nhan")]
    [TestCase("lí luận", "li luan")]
    [TestCase("hoà giải", "hoa giai")]
    [TestCase("hòa giải", "hoa giai")]
    [TestCase("Đinh Thị Lụa", "dinh thi lua")]
    [TestCase("YÊN BÁI", "ien bai")]
    [TestCase("Chuyển đổi số 2025", "chuien doi so 2025")]
    public void Fold_takes_case_marks_tone_placement_d_and_y_away(string text, string folded) =>
        Assert.That(SearchFolding.Fold(text), Is.EqualTo(folded));

    [Test]
    public void Fold_reads_decomposed_text_as_its_composed_form()
    {
        var decomposed = "Tọa đàm Kỹ năng".Normalize(NormalizationForm.FormD);
        Assert.That(SearchFolding.Fold(decomposed), Is.EqualTo("toa dam ki nang"));
    }

    [Test]
    public async Task PostgreSQL_khoagiao_fold_gives_what_the_service_gives_for_every_Latin_letter_and_for_text()
    {
        string[] texts =
        [
            .. Enumerable.Range(0x20, 0x250 - 0x20).Concat(Enumerable.Range(0x1E00, 0x100)).Select(c => ((char)c).ToString()),
            "Tọa đàm “Nâng cao chất lượng” — Toạ đàm", "Kỹ năng, kĩ năng; LÝ NHÂN", "Nguyễn Thị Kỹ", "Zürich, São Paulo, Øresund",
            "Tọa đàm Kỹ năng".Normalize(NormalizationForm.FormD),
        ];
        var folded = await QueryAsync(db => db.Database
            .SqlQuery<string>($"SELECT khoagiao_fold(t) AS \"Value\" FROM unnest({texts}) WITH ORDINALITY AS x(t, n) ORDER BY n")
            .ToListAsync());
        Assert.That(folded, Is.EqualTo(texts.Select(SearchFolding.Fold).ToList()));
    }

    [Test]
    public async Task The_article_list_finds_ky_nang_written_with_either_i_or_y_and_people_by_li_or_ly()
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Bồi dưỡng kỹ năng số cho cán bộ", Factory.Clock.GetUtcNow().AddMinutes(-5));
        await ArticleBuilder.CreatePublishedAsync(admin, "Hội nghị khoa giáo", Factory.Clock.GetUtcNow().AddMinutes(-4));
        (await admin.PostAsJsonAsync("/api/v1/admin/people", new { fullName = "Trần Văn Lý" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/admin/people", new { fullName = "Nguyễn Thị Kỹ" })).EnsureSuccessStatusCode();

        using var anonymous = Anonymous();
        foreach (var q in new[] { "kĩ năng", "kỹ năng", "ky nang", "ki nang" })
        {
            var items = (await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/articles?q={Uri.EscapeDataString(q)}")))["items"]!.AsArray();
            Assert.That(items.Select(i => i!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "Bồi dưỡng kỹ năng số cho cán bộ" }), q);
        }

        foreach (var (q, name) in new[] { ("lí", "Trần Văn Lý"), ("Ly", "Trần Văn Lý"), ("thi ki", "Nguyễn Thị Kỹ") })
        {
            var items = (await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/people?q={Uri.EscapeDataString(q)}")))["items"]!.AsArray();
            Assert.That(items.Select(i => i!["fullName"]!.GetValue<string>()), Is.EqualTo(new[] { name }), q);
        }
    }
}
