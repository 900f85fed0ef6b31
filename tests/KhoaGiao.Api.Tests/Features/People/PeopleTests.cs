using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.TestHost.EventBuilder;

namespace KhoaGiao.Api.Tests.Features.People;

/// <summary>The delivery API's people: the list (search and paging) and a person's page.</summary>
public sealed class PeopleTests : ApiTest
{
    private static async Task<JsonObject> ListAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/people" + query);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static IEnumerable<string> Names(JsonObject page) =>
        page["items"]!.AsArray().Select(i => i!["fullName"]!.GetValue<string>());

    private static string Q(string text) => "?q=" + Uri.EscapeDataString(text);

    [TestCase("dinh thi lua")]
    [TestCase("Đinh Thị Lụa")]
    [TestCase("ĐINH")]
    [TestCase("DINH THI LUA")]
    [TestCase("lụa")]
    [TestCase("  thi lu  ")]
    public async Task ListPeople_finds_a_name_whatever_the_case_and_diacritics_of_the_query(string q)
    {
        using var admin = Admin();
        await CreatePublicPersonAsync(admin, "Đinh Thị Lụa");
        await CreatePublicPersonAsync(admin, "Lê Thị Thanh Hà");
        await CreatePublicPersonAsync(admin, "Nguyễn Văn Hòa");

        using var anonymous = Anonymous();
        Assert.That(Names(await ListAsync(anonymous, Q(q))), Is.EqualTo(new[] { "Đinh Thị Lụa" }));
    }

    [Test]
    public async Task ListPeople_gives_each_person_the_time_it_last_changed()
    {
        using var admin = Admin();
        await CreatePublicPersonAsync(admin, "Đinh Thị Lụa");
        var stored = await QueryAsync(db => db.People.Select(p => p.UpdatedAt).SingleAsync());

        using var anonymous = Anonymous();
        var item = (await ListAsync(anonymous))["items"]![0]!;
        Assert.That(item["updatedAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(stored));
        Assert.That(stored.Year, Is.GreaterThan(2000));
    }

    [Test]
    public async Task ListPeople_finds_a_name_from_a_query_typed_in_NFD()
    {
        using var admin = Admin();
        await CreatePublicPersonAsync(admin, "Đinh Thị Lụa");
        await CreatePublicPersonAsync(admin, "Lê Thị Thanh Hà");

        using var anonymous = Anonymous();
        var page = await ListAsync(anonymous, Q("Thị Lụa".Normalize(NormalizationForm.FormD)));

        Assert.That(Names(page), Is.EqualTo(new[] { "Đinh Thị Lụa" }));
    }

    [TestCase("hoa")]
    [TestCase("hòa")]
    [TestCase("hoà")]
    [TestCase("HOÀ")]
    [TestCase("nguyen van hoa")]
    public async Task ListPeople_finds_both_placements_of_the_tone_mark_from_either_spelling(string q)
    {
        using var admin = Admin();
        await CreatePublicPersonAsync(admin, "Nguyễn Văn Hòa");
        await CreatePublicPersonAsync(admin, "Nguyễn Văn Hoà");
        await CreatePublicPersonAsync(admin, "Đinh Thị Lụa");

        using var anonymous = Anonymous();
        Assert.That(Names(await ListAsync(anonymous, Q(q))), Is.EquivalentTo(new[] { "Nguyễn Văn Hòa", "Nguyễn Văn Hoà" }));
    }

    [Test]
    public async Task ListPeople_with_a_query_that_matches_nobody_returns_an_empty_page()
    {
        using var admin = Admin();
        await CreatePublicPersonAsync(admin, "Đinh Thị Lụa");

        using var anonymous = Anonymous();
        var page = await ListAsync(anonymous, Q("trần"));

        Assert.That(page["items"]!.AsArray(), Is.Empty);
        Assert.That(page["nextCursor"], Is.Null);
    }

    [Test]
    public async Task ListPeople_shows_only_people_at_a_published_event_and_each_of_them_once()
    {
        using var admin = Admin();
        var published = Id(await CreatePublishedEventAsync(admin, "Tọa đàm đã đăng"));
        var draft = Id(await CreateEventAsync(admin, "Tọa đàm còn nháp"));
        var atPublished = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa"));
        var atBoth = Id(await CreatePersonAsync(admin, "Lê Thị Thanh Hà"));
        var atDraftOnly = Id(await CreatePersonAsync(admin, "Nguyễn Văn Hòa"));
        await CreatePersonAsync(admin, "Trần Văn Không Dự");
        await AddParticipationAsync(admin, published, atPublished, "chuTri");
        await AddParticipationAsync(admin, published, atPublished, "phatBieuKetLuan");
        await AddParticipationAsync(admin, published, atBoth, "thamLuan");
        await AddParticipationAsync(admin, draft, atBoth, "du");
        await AddParticipationAsync(admin, draft, atDraftOnly, "chuTri");

        using var anonymous = Anonymous();
        Assert.That(Names(await ListAsync(anonymous)), Is.EqualTo(new[] { "Đinh Thị Lụa", "Lê Thị Thanh Hà" }));
        Assert.That(Names(await ListAsync(anonymous, Q("hoa"))), Is.Empty);

        var adminPage = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/people"));
        Assert.That(Names(adminPage), Is.EqualTo(new[] { "Đinh Thị Lụa", "Lê Thị Thanh Hà", "Nguyễn Văn Hòa", "Trần Văn Không Dự" }));
        var adminSearch = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/people" + Q("hoa")));
        Assert.That(Names(adminSearch), Is.EqualTo(new[] { "Nguyễn Văn Hòa" }));
    }

    [Test]
    public async Task ListPeople_drops_a_person_once_their_only_event_is_unpublished()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa"));
        var published = Id(await CreatePublishedEventAsync(admin, "Tọa đàm"));
        await AddParticipationAsync(admin, published, person, "chuTri");
        using var anonymous = Anonymous();
        Assert.That(Names(await ListAsync(anonymous)), Is.EqualTo(new[] { "Đinh Thị Lụa" }));

        Assert.That((await admin.PostAsync($"/api/v1/admin/events/{published}/unpublish", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(Names(await ListAsync(anonymous)), Is.Empty);
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/people/{person}"), 404);
    }

    [Test]
    public async Task ListPeople_pages_of_two_over_five_people_neither_skip_nor_repeat()
    {
        using var admin = Admin();
        var names = new[] { "Nguyễn Văn Hòa", "Nguyễn Văn An", "Đinh Thị Lụa", "Nguyễn Văn An", "Lê Thị Thanh Hà" };
        var ids = new List<Guid>();
        foreach (var name in names)
        {
            ids.Add(Id(await CreatePublicPersonAsync(admin, name)));
        }

        using var anonymous = Anonymous();
        var seenNames = new List<string>();
        var seenIds = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(anonymous, "?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.That(page["items"]!.AsArray(), Has.Count.LessThanOrEqualTo(2));
            seenNames.AddRange(Names(page));
            seenIds.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.That(pages, Is.EqualTo(3));
        Assert.That(seenIds, Is.EquivalentTo(ids));
        Assert.That(seenNames, Is.EqualTo(new[] { "Đinh Thị Lụa", "Lê Thị Thanh Hà", "Nguyễn Văn An", "Nguyễn Văn An", "Nguyễn Văn Hòa" }));
    }

    [Test]
    public async Task ListPeople_pages_a_search_without_leaving_it()
    {
        using var admin = Admin();
        foreach (var name in new[] { "Nguyễn Văn Hòa", "Nguyễn Thị Hoà", "Đinh Thị Lụa", "Trần Văn Hòa", "Lê Văn Hoà" })
        {
            await CreatePublicPersonAsync(admin, name);
        }

        using var anonymous = Anonymous();
        var first = await ListAsync(anonymous, Q("hoa") + "&limit=3");
        var second = await ListAsync(anonymous, Q("hoa") + $"&limit=3&cursor={first["nextCursor"]}");

        Assert.That(Names(first).Concat(Names(second)),
            Is.EqualTo(new[] { "Lê Văn Hoà", "Nguyễn Thị Hoà", "Nguyễn Văn Hòa", "Trần Văn Hòa" }));
        Assert.That(second["nextCursor"], Is.Null);
    }

    [TestCase("?limit=0", "limit")]
    [TestCase("?limit=101", "limit")]
    [TestCase("?cursor=khong-phai-con-tro", "cursor")]
    [TestCase("?cursor=%25%25%25", "cursor")]
    public async Task ListPeople_with_bad_paging_returns_validation_problem_and_changes_nothing(string query, string field)
    {
        using var admin = Admin();
        await CreatePublicPersonAsync(admin, "Đinh Thị Lụa");

        using var anonymous = Anonymous();
        await AssertValidationProblemAsync(await anonymous.GetAsync("/api/v1/people" + query), field);

        Assert.That(await QueryAsync(db => db.People.Select(p => p.FullName).ToListAsync()), Is.EqualTo(new[] { "Đinh Thị Lụa" }));
        Assert.That(await QueryAsync(db => db.Participations.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task ListPeople_with_a_query_longer_than_a_name_returns_validation_problem()
    {
        using var admin = Admin();
        await CreatePublicPersonAsync(admin, "Đinh Thị Lụa");

        using var anonymous = Anonymous();
        await AssertValidationProblemAsync(await anonymous.GetAsync("/api/v1/people" + Q(new string('a', 151))), "q");
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task ListPeople_with_a_non_numeric_limit_returns_400_problem()
    {
        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/people?limit=abc"), 400);
    }

    [Test]
    public async Task ListPeople_default_page_size_is_20()
    {
        using var admin = Admin();
        var published = Id(await CreatePublishedEventAsync(admin, "Hội nghị đông người"));
        for (var i = 0; i < 21; i++)
        {
            await AddParticipationAsync(admin, published, Id(await CreatePersonAsync(admin, $"Đại biểu {i:00}")));
        }

        using var anonymous = Anonymous();
        var page = await ListAsync(anonymous);

        Assert.That(page["items"]!.AsArray(), Has.Count.EqualTo(20));
        Assert.That(page["nextCursor"], Is.Not.Null);
    }

    [Test]
    public async Task GetPerson_shows_positions_current_first_and_published_events_newest_first_with_roles_and_titles()
    {
        using var admin = Admin();
        var tinhUy = Id(await CreateOrganisationAsync(admin, "Tỉnh ủy Hà Nam"));
        var person = Id(await CreatePersonAsync(admin, "Lê Thị Thanh Hà",
            Position("Phó Trưởng Ban Tuyên giáo Tỉnh ủy", new DateOnly(2015, 1, 1), new DateOnly(2019, 12, 31)),
            Position("Ủy viên BTV Tỉnh ủy, Trưởng BTG Tỉnh ủy", new DateOnly(2020, 10, 16), organisationId: tinhUy),
            Position("Trưởng phòng Khoa giáo", new DateOnly(2010, 1, 1), new DateOnly(2014, 12, 31))));
        var older = await CreatePublishedEventAsync(admin, "Hội nghị năm 2022", new DateTimeOffset(2022, 5, 10, 8, 0, 0, TimeSpan.FromHours(7)));
        var newer = await CreatePublishedEventAsync(admin, "Tọa đàm năm 2023");
        var draft = await CreateEventAsync(admin, "Hội thảo chưa đăng", new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(7)));
        await AddParticipationAsync(admin, Id(older), person, "chuTri");
        await AddParticipationAsync(admin, Id(older), person, "phatBieuKetLuan", titleAtEvent: "Trưởng Ban Tuyên giáo Tỉnh ủy");
        await AddParticipationAsync(admin, Id(newer), person, "thamLuan");
        await AddParticipationAsync(admin, Id(draft), person, "du");

        using var anonymous = Anonymous();
        var response = await anonymous.GetAsync($"/api/v1/people/{person}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadJsonAsync(response);
        Assert.That(body["fullName"]!.GetValue<string>(), Is.EqualTo("Lê Thị Thanh Hà"));
        var positions = body["positions"]!.AsArray();
        Assert.That(positions.Select(p => p!["title"]!.GetValue<string>()), Is.EqualTo(new[]
        {
            "Ủy viên BTV Tỉnh ủy, Trưởng BTG Tỉnh ủy", "Phó Trưởng Ban Tuyên giáo Tỉnh ủy", "Trưởng phòng Khoa giáo",
        }));
        Assert.That(positions[0]!["organisationName"]!.GetValue<string>(), Is.EqualTo("Tỉnh ủy Hà Nam"));
        Assert.That(positions[0]!["from"]!.GetValue<string>(), Is.EqualTo("2020-10-16"));
        Assert.That(positions[0]!["to"], Is.Null);

        var events = body["events"]!.AsArray();
        Assert.That(events.Select(e => e!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { newer["slug"]!.GetValue<string>(), older["slug"]!.GetValue<string>() }));
        Assert.That(events[0]!["localDate"]!.GetValue<string>(), Is.EqualTo("2023-08-16"));
        Assert.That(events[0]!["kind"]!.GetValue<string>(), Is.EqualTo("toaDam"));
        Assert.That(events[0]!["roles"]!.AsArray().Select(r => r!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "thamLuan" }));
        Assert.That(events[0]!["roles"]![0]!["titleAtEvent"]!.GetValue<string>(), Is.EqualTo("Ủy viên BTV Tỉnh ủy, Trưởng BTG Tỉnh ủy"));
        var olderRoles = events[1]!["roles"]!.AsArray();
        Assert.That(olderRoles.Select(r => r!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "chuTri", "phatBieuKetLuan" }));
        Assert.That(olderRoles.Select(r => r!["titleAtEvent"]?.GetValue<string>()), Is.EqualTo(new[] { "Ủy viên BTV Tỉnh ủy, Trưởng BTG Tỉnh ủy", "Trưởng Ban Tuyên giáo Tỉnh ủy" }));
        Assert.That(olderRoles[0]!["roleLabel"]!.GetValue<string>(), Is.EqualTo("Chủ trì"));
    }

    [Test]
    public async Task GetPerson_lists_the_roles_at_one_event_in_page_order()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa"));
        var published = Id(await CreatePublishedEventAsync(admin, "Tọa đàm"));
        await AddParticipationAsync(admin, published, person, "du");
        await AddParticipationAsync(admin, published, person, "thamLuan");
        await AddParticipationAsync(admin, published, person, "phatBieuChiDao");

        using var anonymous = Anonymous();
        var body = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/people/{person}"));

        // The order of ParticipationRole, as the event page groups them: chủ trì, phát biểu chỉ đạo, tham luận, phát biểu kết luận, dự.
        Assert.That(body["events"]![0]!["roles"]!.AsArray().Select(r => r!["role"]!.GetValue<string>()),
            Is.EqualTo(new[] { "phatBieuChiDao", "thamLuan", "du" }));
    }

    [Test]
    public async Task GetPerson_lists_ended_positions_latest_first_even_when_a_start_is_unknown()
    {
        using var admin = Admin();
        var person = await CreatePublicPersonAsync(admin, "Nguyễn Văn Hòa",
            Position("Chuyên viên", from: null, to: new DateOnly(2009, 12, 31)),
            Position("Phó Trưởng phòng", new DateOnly(2010, 1, 1), new DateOnly(2015, 12, 31)),
            Position("Trưởng phòng", new DateOnly(2016, 1, 1)));

        using var anonymous = Anonymous();
        var body = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/people/{Id(person)}"));

        Assert.That(body["positions"]!.AsArray().Select(p => p!["title"]!.GetValue<string>()),
            Is.EqualTo(new[] { "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên" }));
    }

    [Test]
    public async Task GetPerson_for_someone_only_at_draft_events_returns_404_while_the_admin_view_shows_them()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Nguyễn Văn Hòa"));
        var draft = await CreateEventAsync(admin, "Tọa đàm còn nháp");
        await AddParticipationAsync(admin, Id(draft), person, "chuTri");

        using var anonymous = Anonymous();
        var problem = await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/people/{person}"), 404);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(person.ToString()));

        var adminView = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/people/{person}"));
        Assert.That(adminView["events"]!.AsArray().Select(e => e!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { draft["slug"]!.GetValue<string>() }));
    }

    [Test]
    public async Task GetPerson_for_someone_at_no_event_or_an_unknown_id_returns_404_problem()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Trần Văn Không Dự"));

        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/people/{person}"), 404);
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/people/{Guid.NewGuid()}"), 404);
    }

    [Test]
    public async Task GetPerson_hides_draft_events_of_a_person_who_is_also_at_a_published_one()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa"));
        var published = await CreatePublishedEventAsync(admin, "Tọa đàm đã đăng");
        var draft = await CreateEventAsync(admin, "Hội nghị còn nháp", new DateTimeOffset(2024, 1, 5, 8, 0, 0, TimeSpan.FromHours(7)));
        await AddParticipationAsync(admin, Id(published), person, "chuTri");
        await AddParticipationAsync(admin, Id(draft), person, "chuTri");

        using var anonymous = Anonymous();
        var delivered = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/people/{person}"));
        var managed = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/people/{person}"));

        Assert.That(delivered["events"]!.AsArray().Select(e => e!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { published["slug"]!.GetValue<string>() }));
        Assert.That(managed["events"]!.AsArray().Select(e => e!["slug"]!.GetValue<string>()),
            Is.EqualTo(new[] { draft["slug"]!.GetValue<string>(), published["slug"]!.GetValue<string>() }));
    }

    [Test]
    public async Task GetPerson_shows_a_renamed_person_at_once_despite_the_delivery_cache()
    {
        using var admin = Admin();
        var person = Id(await CreatePublicPersonAsync(admin, "Nguyen Van Hoa"));
        using var anonymous = Anonymous();
        Assert.That((await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/people/{person}")))["fullName"]!.GetValue<string>(), Is.EqualTo("Nguyen Van Hoa"));
        Assert.That(Names(await ListAsync(anonymous)), Is.EqualTo(new[] { "Nguyen Van Hoa" }));

        var update = await admin.PutAsJsonAsync($"/api/v1/admin/people/{person}", PersonRequest("Nguyễn Văn Hòa"));
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/people/{person}")))["fullName"]!.GetValue<string>(), Is.EqualTo("Nguyễn Văn Hòa"));
        Assert.That(Names(await ListAsync(anonymous)), Is.EqualTo(new[] { "Nguyễn Văn Hòa" }));
    }
}
