using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.TestHost.EventBuilder;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>
/// Classes of input an attacker tries: each is a 400 problem naming the field and changes nothing, never a 500 and
/// never an expensive request.
/// </summary>
public sealed class HostileValuesTests : ApiTest
{
    private const string Articles = "/api/v1/admin/articles";

    [TestCase("toa-dam\n")]
    [TestCase("toa-dam\r\n")]
    [TestCase("\ntoa-dam")]
    [TestCase("toa-dam\u2028")]
    public async Task A_slug_with_a_line_break_is_refused_for_articles_and_events_and_changes_nothing(string slug)
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreatePublishedAsync(admin, "Tọa đàm khoa giáo");
        var evt = await CreateEventAsync(admin, "Hội nghị khoa giáo");

        await AssertValidationProblemAsync(await admin.PostAsJsonAsync(Articles, ArticleBuilder.Request("Bài mới", slug: slug)), "slug");
        await AssertValidationProblemAsync(
            await admin.PutAsJsonAsync($"{Articles}/{Id(article)}", ArticleBuilder.Request("Tọa đàm khoa giáo", slug: slug)), "slug");
        await AssertValidationProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/admin/events", new { kind = "hoiNghi", title = "Hội thảo", slug, startsAt = ToaDamStartsAt }), "slug");
        await AssertValidationProblemAsync(
            await admin.PutAsJsonAsync($"/api/v1/admin/events/{Id(evt)}", new { kind = "hoiNghi", title = "Hội nghị khoa giáo", slug, startsAt = ToaDamStartsAt }),
            "slug");

        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Slug).ToListAsync()), Is.EqualTo(new[] { "toa-dam-khoa-giao" }));
        Assert.That(await QueryAsync(db => db.Events.Select(e => e.Slug).ToListAsync()), Is.EqualTo(new[] { "hoi-nghi-khoa-giao" }));
        Assert.That((await Anonymous().GetAsync("/api/v1/articles/toa-dam-khoa-giao")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/api/v1/articles?from=0001-01-01", "from")]
    [TestCase("/api/v1/articles?to=0001-01-01T00:00", "to")]
    [TestCase("/api/v1/articles?from=0001-01-01T06:59:59", "from")]
    [TestCase("/api/v1/articles?to=9999-12-31T23:59:59-07:00", "to")]
    [TestCase("/api/v1/events?from=0001-01-01", "from")]
    [TestCase("/api/v1/events?to=0001-01-01T00:00", "to")]
    public async Task A_time_at_the_edge_of_the_calendar_is_a_400_naming_the_parameter(string path, string parameter)
    {
        using var admin = Admin();

        var response = await admin.GetAsync(path);

        await AssertValidationProblemAsync(response, parameter);
    }

    [TestCase("/api/v1/articles?from=0001-01-02")]
    [TestCase("/api/v1/articles?to=9999-12-31T23:59:59")]
    [TestCase("/api/v1/events?from=0001-01-01T00:00:00Z")]
    public async Task The_first_and_last_representable_instants_are_accepted(string path)
    {
        using var anonymous = Anonymous();

        Assert.That((await anonymous.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/api/v1/events?kind=hoiNghi,hoiThao", "kind")]
    [TestCase("/api/v1/events?kind=hoiNghi, hoiThao", "kind")]
    [TestCase("/api/v1/events?kind=1", "kind")]
    [TestCase("/api/v1/admin/events?status=draft,published", "status")]
    [TestCase("/api/v1/admin/articles?status=draft,inReview", "status")]
    [TestCase("/api/v1/admin/articles?status=0", "status")]
    public async Task An_enum_query_value_that_is_not_one_name_is_a_400_naming_it(string path, string parameter)
    {
        using var admin = Admin();

        await AssertValidationProblemAsync(await admin.GetAsync(path), parameter);
    }

    [TestCase("hoiNghi,hoiThao")]
    [TestCase("hoiNghi, hoiThao")]
    [TestCase("toaDam,le")]
    public async Task An_enum_body_value_that_is_a_comma_list_is_a_400_and_creates_nothing(string kind)
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa"));
        var evt = Id(await CreateEventAsync(admin, "Tọa đàm khoa giáo"));

        var created = await admin.PostAsJsonAsync("/api/v1/admin/events", new { kind, title = "Hội thảo", startsAt = ToaDamStartsAt });
        var joined = await admin.PostAsJsonAsync($"/api/v1/admin/events/{evt}/participations", new { personId = person, role = "chuTri,du" });

        await AssertValidationProblemAsync(created, "kind");
        await AssertValidationProblemAsync(joined, "role");
        Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.Participations.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task A_body_nested_deeper_than_the_limit_is_refused_at_once_and_changes_nothing()
    {
        using var admin = Admin();
        var body = "<p>" + string.Concat(Enumerable.Repeat("<b>", 100_000)) + "chữ";
        Assert.That(body, Has.Length.LessThan(500_000), "within the body's length limit, as any author could send it");
        using var client = Factory.CreateDefaultClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var sending = Stopwatch.StartNew();

        var response = await client.PostAsJsonAsync(Articles, ArticleBuilder.Request("Bài lồng sâu", body: body));

        var problem = await AssertValidationProblemAsync(response, "body");
        Assert.That(problem["errors"]!["body"]![0]!.GetValue<string>(), Does.Contain("256"));
        Assert.That(sending.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "the body was parsed before it was refused");
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task A_body_nested_within_the_limit_is_kept()
    {
        using var admin = Admin();

        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài lồng vừa phải", body: Nested(200)));

        Assert.That(created["body"]!.GetValue<string>(), Does.StartWith("<p><b><b>").And.Contain("chữ"));
    }

    [TestCase("<script>alert(1)</script>")]
    [TestCase("<div></div>")]
    [TestCase("<p> &nbsp; </p><style>p{}</style>")]
    [TestCase("<iframe src=\"https://evil.example\"></iframe>")]
    public async Task A_body_that_sanitises_to_nothing_is_a_400_and_changes_nothing(string body)
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài có nội dung"));

        await AssertValidationProblemAsync(await admin.PostAsJsonAsync(Articles, ArticleBuilder.Request("Bài rỗng", body: body)), "body");
        await AssertValidationProblemAsync(
            await admin.PutAsJsonAsync($"{Articles}/{Id(article)}", ArticleBuilder.Request("Bài có nội dung", body: body)), "body");

        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Body).ToListAsync()), Is.EqualTo(new[] { "<p>Nội dung bài viết.</p>" }));
    }

    [Test]
    public async Task A_body_with_only_a_photo_is_kept()
    {
        using var admin = Admin();

        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Ảnh", body: "<figure><img src=\"/anh/toa-dam.jpg\" alt=\"Tọa đàm\"></figure>"));

        Assert.That(created["body"]!.GetValue<string>(), Does.Contain("src=\"/anh/toa-dam.jpg\""));
    }

    [TestCase("//evil.example/x")]
    [TestCase("/\\evil.example/x")]
    [TestCase("\\\\evil.example/x")]
    [TestCase(" //evil.example/x")]
    [TestCase("/\t/evil.example/x")]
    public async Task Protocol_relative_links_and_photos_lose_their_address_and_site_paths_keep_theirs(string url)
    {
        using var admin = Admin();
        var body = $"<p><a href=\"{url}\">ngoài</a> <a href=\"/tin-tuc/toa-dam\">trong</a> <img src=\"{url}\" alt=\"ảnh\"></p>";

        var created = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài có liên kết", body: body));

        var stored = created["body"]!.GetValue<string>();
        Assert.That(stored, Does.Not.Contain("evil.example"));
        Assert.That(stored, Does.Contain("href=\"/tin-tuc/toa-dam\""));
        Assert.That(stored, Does.Contain(">ngoài</a>"), "the link text stays");
    }

    private static string Nested(int depth) =>
        "<p>" + string.Concat(Enumerable.Repeat("<b>", depth)) + "chữ" + string.Concat(Enumerable.Repeat("</b>", depth)) + "</p>";
}
