using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Tests.TestHost;
using static KhoaGiao.Api.Tests.Features.Events.EventTestData;

namespace KhoaGiao.Api.Tests.Features.Events;

public sealed class GetEventTests : ApiTest
{
    [Test]
    public async Task GetEvent_groups_participants_by_role_in_display_order_with_their_printed_titles()
    {
        using var admin = Admin();
        var evt = await EventAsync(admin, Event("Tọa đàm khoa giáo", Factory.Clock.GetUtcNow().AddDays(-1)));
        var lua = await PersonAsync(admin, "Đinh Thị Lụa");
        var ha = await PersonAsync(admin, "Lê Thị Thanh Hà");
        var long_ = await PersonAsync(admin, "Nguyễn Hải Long");
        await ParticipationAsync(admin, evt, long_, "chuTri", "Phó Ban Thường trực BTG Tỉnh ủy", displayOrder: 2);
        await ParticipationAsync(admin, evt, ha, "phatBieuKetLuan", "Trưởng BTG Tỉnh ủy");
        await ParticipationAsync(admin, evt, ha, "chuTri", "Trưởng BTG Tỉnh ủy", displayOrder: 1);
        await ParticipationAsync(admin, evt, lua, "phatBieuChiDao", "Phó Bí thư Thường trực Tỉnh ủy");

        using var anonymous = Anonymous();
        var page = await ReadJsonAsync(await anonymous.GetAsync("/api/v1/events/toa-dam-khoa-giao"));

        var groups = page["participants"]!.AsArray();
        Assert.That(groups.Select(g => g!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "chuTri", "phatBieuChiDao", "phatBieuKetLuan" }));
        Assert.That(groups.Select(g => g!["roleLabel"]!.GetValue<string>()), Is.EqualTo(new[] { "Chủ trì", "Phát biểu chỉ đạo", "Phát biểu kết luận" }));
        Assert.That(groups[0]!["participants"]!.AsArray().Select(p => p!["fullName"]!.GetValue<string>()), Is.EqualTo(new[] { "Lê Thị Thanh Hà", "Nguyễn Hải Long" }));
        Assert.That(groups[1]!["participants"]![0]!["titleAtEvent"]!.GetValue<string>(), Is.EqualTo("Phó Bí thư Thường trực Tỉnh ủy"));
        Assert.That(page["kindLabel"]!.GetValue<string>(), Is.EqualTo("Tọa đàm"));
    }

    [Test]
    public async Task GetEvent_lists_only_the_published_articles_that_report_it()
    {
        using var admin = Admin();
        var evt = await EventAsync(admin, Event("Hội nghị tổng kết", Factory.Clock.GetUtcNow().AddDays(-1), "hoiNghi"));
        var report = await ArticleBuilder.CreateAsync(admin, new { title = "Bài tường thuật", body = "<p>x</p>", eventId = evt["id"] });
        await admin.PostAsync($"/api/v1/admin/articles/{report["id"]}/publish", null);
        await ArticleBuilder.CreateAsync(admin, new { title = "Bài nháp về hội nghị", body = "<p>x</p>", eventId = evt["id"] });

        using var anonymous = Anonymous();
        var page = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/events/{evt["id"]}"));

        Assert.That(page["articles"]!.AsArray().Select(a => a!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { "bai-tuong-thuat" }));
        var article = await ReadJsonAsync(await anonymous.GetAsync("/api/v1/articles/bai-tuong-thuat"));
        Assert.That(article["event"]!["slug"]!.GetValue<string>(), Is.EqualTo("hoi-nghi-tong-ket"));
        var list = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/articles?eventId={evt["id"]}"));
        Assert.That(list["items"]!.AsArray().Select(a => a!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { "bai-tuong-thuat" }));
    }

    [Test]
    public async Task GetEvent_for_a_draft_is_404_and_articles_do_not_reveal_it()
    {
        using var admin = Admin();
        var evt = await EventAsync(admin, Event("Sự kiện chưa công bố", Factory.Clock.GetUtcNow()), publish: false);
        var article = await ArticleBuilder.CreateAsync(admin, new { title = "Bài đã đăng", body = "<p>x</p>", eventId = evt["id"] });
        await admin.PostAsync($"/api/v1/admin/articles/{article["id"]}/publish", null);

        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/events/su-kien-chua-cong-bo"), 404);
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/events/{evt["id"]}"), 404);
        var published = await ReadJsonAsync(await anonymous.GetAsync("/api/v1/articles/bai-da-dang"));
        Assert.That(published["event"], Is.Null);
    }

    [Test]
    public async Task UnpublishEvent_hides_it_again()
    {
        using var admin = Admin();
        var evt = await EventAsync(admin, Event("Lễ phát động", Factory.Clock.GetUtcNow(), "le"));
        using var anonymous = Anonymous();
        Assert.That((await anonymous.GetAsync("/api/v1/events/le-phat-dong")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var response = await admin.PostAsync($"/api/v1/admin/events/{evt["id"]}/unpublish", null);

        Assert.That((await ReadJsonAsync(response))["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/events/le-phat-dong"), 404);
    }

    [Test]
    public async Task Creating_an_article_for_an_unknown_event_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/articles", new { title = "Bài", body = "<p>x</p>", eventId = Guid.NewGuid(), tags = new[] { "mới" } });

        await AssertValidationProblemAsync(response, "eventId");
        Assert.That(await QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Articles)), Is.Zero);
        Assert.That(await QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Tags)), Is.Zero);
    }
}
