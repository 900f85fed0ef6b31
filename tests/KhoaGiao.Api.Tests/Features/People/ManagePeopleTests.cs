using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.TestHost.EventBuilder;

namespace KhoaGiao.Api.Tests.Features.People;

/// <summary>The management API's people: create, read, list, replace and delete.</summary>
public sealed class ManagePeopleTests : ApiTest
{
    [Test]
    public async Task CreatePerson_stores_the_name_in_NFC_with_its_positions_and_returns_it_with_location()
    {
        using var admin = Admin();
        var tinhUy = Id(await CreateOrganisationAsync(admin, "Tỉnh ủy Hà Nam"));
        var nfdName = "  Đinh Thị Lụa ".Normalize(NormalizationForm.FormD);

        var response = await admin.PostAsJsonAsync("/api/v1/admin/people", PersonRequest(nfdName,
            Position(" Phó Bí thư Thường trực Tỉnh ủy ".Normalize(NormalizationForm.FormD), new DateOnly(2020, 10, 16), organisationId: tinhUy),
            Position("Chủ tịch HĐND tỉnh", new DateOnly(2015, 1, 1), new DateOnly(2020, 10, 15))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(response);
        var id = Id(body);
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/admin/people/{id}"));
        Assert.That(body["fullName"]!.GetValue<string>(), Is.EqualTo("Đinh Thị Lụa"));
        Assert.That(body["positions"]!.AsArray().Select(p => p!["title"]!.GetValue<string>()),
            Is.EqualTo(new[] { "Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh" }));
        Assert.That(body["positions"]![0]!["organisationId"]!.GetValue<Guid>(), Is.EqualTo(tinhUy));
        Assert.That(body["positions"]![0]!["organisationName"]!.GetValue<string>(), Is.EqualTo("Tỉnh ủy Hà Nam"));
        Assert.That(body["events"]!.AsArray(), Is.Empty);

        var stored = await QueryAsync(db => db.People.Include(p => p.Positions).SingleAsync());
        Assert.That(stored.Id, Is.EqualTo(id));
        Assert.That(stored.FullName, Is.EqualTo("Đinh Thị Lụa".Normalize(NormalizationForm.FormC)));
        Assert.That(stored.FullName.IsNormalized(NormalizationForm.FormC), Is.True);
        Assert.That(stored.SearchName, Is.EqualTo("dinh thi lua"));
        Assert.That(stored.Positions.Select(p => p.Title), Is.EquivalentTo(new[] { "Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh" }));
        Assert.That(stored.Positions.All(p => p.Title.IsNormalized(NormalizationForm.FormC)), Is.True);

        var fetched = await ReadJsonAsync(await admin.GetAsync(response.Headers.Location));
        Assert.That(fetched.ToJsonString(), Is.EqualTo(body.ToJsonString()));
    }

    [Test]
    public async Task CreatePerson_accepts_a_name_of_exactly_150_characters_and_no_positions()
    {
        using var admin = Admin();
        var name = new string('a', 150);

        var response = await admin.PostAsJsonAsync("/api/v1/admin/people", new { fullName = name });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(await QueryAsync(db => db.People.Select(p => p.FullName).SingleAsync()), Is.EqualTo(name));
        Assert.That(await QueryAsync(db => db.PersonPositions.CountAsync()), Is.Zero);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public async Task CreatePerson_with_an_empty_name_returns_validation_problem_and_writes_nothing(string? fullName)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/people", new { fullName, positions = new[] { Position("Bí thư Tỉnh ủy") } });

        var problem = await AssertValidationProblemAsync(response, "fullName");
        Assert.That(problem["errors"]!["fullName"]![0]!.GetValue<string>(), Does.Contain("không được rỗng"));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.PersonPositions.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreatePerson_with_a_name_of_151_characters_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/people", PersonRequest(new string('a', 151)));

        await AssertValidationProblemAsync(response, "fullName");
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreatePerson_with_a_position_ending_before_it_starts_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/people", PersonRequest("Đinh Thị Lụa",
            Position("Phó Bí thư", new DateOnly(2020, 1, 1), new DateOnly(2023, 12, 31)),
            Position("Bí thư", new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1))));

        await AssertValidationProblemAsync(response, "positions[1].to");
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.PersonPositions.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreatePerson_with_an_empty_or_too_long_position_title_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/people", PersonRequest("Đinh Thị Lụa",
            Position(""), Position(new string('x', 301))));

        await AssertValidationProblemAsync(response, "positions[0].title", "positions[1].title");
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreatePerson_with_more_than_50_positions_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var positions = Enumerable.Range(0, 51).Select(i => Position($"Chức vụ {i}")).ToArray();

        await AssertValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/admin/people", PersonRequest("Đinh Thị Lụa", positions)), "positions");
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.PersonPositions.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreatePerson_with_an_unknown_organisation_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var unknown = Guid.NewGuid();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/people", PersonRequest("Đinh Thị Lụa",
            Position("Phó Bí thư Thường trực Tỉnh ủy", new DateOnly(2020, 1, 1), organisationId: unknown)));

        var problem = await AssertValidationProblemAsync(response, "positions[0].organisationId");
        Assert.That(problem["errors"]!["positions[0].organisationId"]![0]!.GetValue<string>(), Does.Contain(unknown.ToString()));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.PersonPositions.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreatePerson_names_the_index_of_the_unknown_organisation_among_known_ones()
    {
        using var admin = Admin();
        var known = Id(await CreateOrganisationAsync(admin, "Tỉnh ủy Hà Nam"));
        var response = await admin.PostAsJsonAsync("/api/v1/admin/people", PersonRequest("Đinh Thị Lụa",
            Position("Tỉnh ủy viên", organisationId: known),
            Position("Chủ tịch", organisationId: Guid.NewGuid())));

        await AssertValidationProblemAsync(response, "positions[1].organisationId");
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.PersonPositions.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreatePerson_with_a_malformed_date_returns_400_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsync("/api/v1/admin/people", new StringContent(
            "{\"fullName\":\"Đinh Thị Lụa\",\"positions\":[{\"title\":\"Bí thư\",\"from\":\"2024-13-01\"}]}", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, 400);
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task UpdatePerson_replaces_the_name_and_the_whole_list_of_positions()
    {
        using var admin = Admin();
        var tinhUy = Id(await CreateOrganisationAsync(admin, "Tỉnh ủy Hà Nam"));
        var person = Id(await CreatePersonAsync(admin, "Nguyen Van Hoa",
            Position("Chuyên viên", new DateOnly(2010, 1, 1), new DateOnly(2015, 12, 31)),
            Position("Phó Trưởng phòng", new DateOnly(2016, 1, 1))));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/people/{person}", PersonRequest("Nguyễn Văn Hòa",
            Position("Trưởng phòng", new DateOnly(2020, 1, 1), organisationId: tinhUy)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(response);
        Assert.That(body["fullName"]!.GetValue<string>(), Is.EqualTo("Nguyễn Văn Hòa"));
        Assert.That(body["positions"]!.AsArray().Select(p => p!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "Trưởng phòng" }));

        var stored = await QueryAsync(db => db.People.Include(p => p.Positions).SingleAsync());
        Assert.That(stored.FullName, Is.EqualTo("Nguyễn Văn Hòa"));
        Assert.That(stored.SearchName, Is.EqualTo("nguien van hoa"), "search folds y as i");
        Assert.That(stored.Positions.Select(p => (p.Title, p.OrganisationId)), Is.EqualTo(new[] { ("Trưởng phòng", (Guid?)tinhUy) }));
        Assert.That(await QueryAsync(db => db.PersonPositions.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task UpdatePerson_gives_a_person_without_positions_their_first_one()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa"));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/people/{person}", PersonRequest("Đinh Thị Lụa",
            Position("Phó Bí thư Thường trực Tỉnh ủy", new DateOnly(2020, 10, 16))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await QueryAsync(db => db.PersonPositions.Select(p => p.Title).ToListAsync()), Is.EqualTo(new[] { "Phó Bí thư Thường trực Tỉnh ủy" }));
    }

    [Test]
    public async Task UpdatePerson_without_positions_clears_them()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa", Position("Bí thư Tỉnh ủy", new DateOnly(2020, 1, 1))));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/people/{person}", new { fullName = "Đinh Thị Lụa" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await QueryAsync(db => db.PersonPositions.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task UpdatePerson_with_invalid_fields_returns_validation_problem_and_changes_nothing()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa", Position("Phó Bí thư", new DateOnly(2020, 1, 1))));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/people/{person}", PersonRequest(new string('a', 151),
            Position("Bí thư", new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1))));

        await AssertValidationProblemAsync(response, "fullName", "positions[0].to");
        await AssertUnchangedAsync("Đinh Thị Lụa", "Phó Bí thư");
    }

    [Test]
    public async Task UpdatePerson_with_an_unknown_organisation_returns_validation_problem_and_changes_nothing()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa", Position("Phó Bí thư", new DateOnly(2020, 1, 1))));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/people/{person}", PersonRequest("Đinh Thị Lụa (sửa)",
            Position("Bí thư", new DateOnly(2024, 1, 2), organisationId: Guid.NewGuid())));

        await AssertValidationProblemAsync(response, "positions[0].organisationId");
        await AssertUnchangedAsync("Đinh Thị Lụa", "Phó Bí thư");
    }

    [Test]
    public async Task UpdatePerson_for_an_unknown_id_returns_404_problem_and_writes_nothing()
    {
        using var admin = Admin();
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/v1/admin/people/{Guid.NewGuid()}", PersonRequest("Đinh Thị Lụa")), 404);
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task AdminGetPerson_for_an_unknown_id_returns_404_problem()
    {
        using var admin = Admin();
        await AssertProblemAsync(await admin.GetAsync($"/api/v1/admin/people/{Guid.NewGuid()}"), 404);
    }

    [Test]
    public async Task AdminListPeople_pages_of_two_over_five_people_neither_skip_nor_repeat()
    {
        using var admin = Admin();
        var ids = new List<Guid>();
        foreach (var name in new[] { "Trần Văn Bình", "Nguyễn Văn An", "Đinh Thị Lụa", "Nguyễn Văn An", "Lê Thị Thanh Hà" })
        {
            ids.Add(Id(await CreatePersonAsync(admin, name)));
        }

        var seen = new List<JsonNode>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/people?limit=2" + (cursor is null ? "" : "&cursor=" + cursor)));
            seen.AddRange(page["items"]!.AsArray().Select(i => i!.DeepClone()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.That(pages, Is.EqualTo(3));
        Assert.That(seen.Select(i => i["id"]!.GetValue<Guid>()), Is.EquivalentTo(ids));
        Assert.That(seen.Select(i => i["fullName"]!.GetValue<string>()),
            Is.EqualTo(new[] { "Đinh Thị Lụa", "Lê Thị Thanh Hà", "Nguyễn Văn An", "Nguyễn Văn An", "Trần Văn Bình" }));
    }

    [TestCase("?limit=0", "limit")]
    [TestCase("?limit=101", "limit")]
    [TestCase("?cursor=khong-phai-con-tro", "cursor")]
    public async Task AdminListPeople_with_bad_paging_returns_validation_problem_and_changes_nothing(string query, string field)
    {
        using var admin = Admin();
        await CreatePersonAsync(admin, "Đinh Thị Lụa");

        await AssertValidationProblemAsync(await admin.GetAsync("/api/v1/admin/people" + query), field);
        Assert.That(await QueryAsync(db => db.People.Select(p => p.FullName).ToListAsync()), Is.EqualTo(new[] { "Đinh Thị Lụa" }));
    }

    [Test]
    public async Task DeletePerson_without_participations_removes_the_person_and_their_positions()
    {
        using var admin = Admin();
        var kept = Id(await CreatePersonAsync(admin, "Lê Thị Thanh Hà", Position("Trưởng Ban")));
        var person = Id(await CreatePersonAsync(admin, "Trần Văn Nhập Nhầm", Position("Chuyên viên"), Position("Phó phòng")));

        var response = await admin.DeleteAsync($"/api/v1/admin/people/{person}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await QueryAsync(db => db.People.Select(p => p.Id).ToListAsync()), Is.EqualTo(new[] { kept }));
        Assert.That(await QueryAsync(db => db.PersonPositions.Select(p => p.Title).ToListAsync()), Is.EqualTo(new[] { "Trưởng Ban" }));
        await AssertProblemAsync(await admin.GetAsync($"/api/v1/admin/people/{person}"), 404);
    }

    [Test]
    public async Task DeletePerson_still_at_events_returns_409_naming_the_event_slugs_and_deletes_nothing()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa", Position("Phó Bí thư Thường trực Tỉnh ủy")));
        var published = await CreatePublishedEventAsync(admin, "Tọa đàm khoa giáo");
        var draft = await CreateEventAsync(admin, "Hội nghị tổng kết");
        await AddParticipationAsync(admin, Id(published), person, "chuTri");
        await AddParticipationAsync(admin, Id(published), person, "phatBieuKetLuan");
        await AddParticipationAsync(admin, Id(draft), person, "du");

        var response = await admin.DeleteAsync($"/api/v1/admin/people/{person}");

        var problem = await AssertProblemAsync(response, 409);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.That(detail, Does.Contain("toa-dam-khoa-giao").And.Contain("hoi-nghi-tong-ket"));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.PersonPositions.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.Participations.CountAsync(p => p.PersonId == person)), Is.EqualTo(3));
        using var anonymous = Anonymous();
        Assert.That((await anonymous.GetAsync($"/api/v1/people/{person}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task DeletePerson_for_an_unknown_id_returns_404_problem_and_deletes_nothing()
    {
        using var admin = Admin();
        await CreatePersonAsync(admin, "Đinh Thị Lụa");

        await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/people/{Guid.NewGuid()}"), 404);
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task People_management_without_a_key_returns_401_problem_and_changes_nothing()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa", Position("Phó Bí thư")));
        using var anonymous = Anonymous();

        var list = await AssertProblemAsync(await anonymous.GetAsync("/api/v1/admin/people"), 401);
        Assert.That(list["title"]!.GetValue<string>(), Is.EqualTo("Chưa xác thực"));
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/admin/people/{person}"), 401);
        var create = await anonymous.PostAsJsonAsync("/api/v1/admin/people", PersonRequest("Trần Văn Lạ"));
        await AssertProblemAsync(create, 401);
        Assert.That(create.Headers.WwwAuthenticate.ToString(), Is.EqualTo("ApiKey"));
        await AssertProblemAsync(await anonymous.PutAsJsonAsync($"/api/v1/admin/people/{person}", PersonRequest("Sửa trộm")), 401);
        await AssertProblemAsync(await anonymous.DeleteAsync($"/api/v1/admin/people/{person}"), 401);

        await AssertUnchangedAsync("Đinh Thị Lụa", "Phó Bí thư");
    }

    [Test]
    public async Task People_writes_with_a_read_only_key_return_403_problem_and_change_nothing()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa", Position("Phó Bí thư")));
        using var reader = await WithScopesAsync(Scopes.ContentRead);

        Assert.That((await reader.GetAsync($"/api/v1/admin/people/{person}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await reader.GetAsync("/api/v1/admin/people")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await reader.PostAsJsonAsync("/api/v1/admin/people", PersonRequest("Trần Văn Lạ")), 403);
        await AssertProblemAsync(await reader.PutAsJsonAsync($"/api/v1/admin/people/{person}", PersonRequest("Sửa trộm")), 403);
        await AssertProblemAsync(await reader.DeleteAsync($"/api/v1/admin/people/{person}"), 403);

        await AssertUnchangedAsync("Đinh Thị Lụa", "Phó Bí thư");
    }

    [Test]
    public async Task People_reads_with_a_write_only_key_return_403_problem()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa"));
        using var writer = await WithScopesAsync(Scopes.ContentWrite);

        await AssertProblemAsync(await writer.GetAsync("/api/v1/admin/people"), 403);
        await AssertProblemAsync(await writer.GetAsync($"/api/v1/admin/people/{person}"), 403);
    }

    [Test]
    public async Task People_writes_with_a_write_key_succeed()
    {
        using var writer = await WithScopesAsync(Scopes.ContentWrite);
        var person = Id(await CreatePersonAsync(writer, "Đinh Thị Lụa"));

        Assert.That((await writer.PutAsJsonAsync($"/api/v1/admin/people/{person}", PersonRequest("Đinh Thị Lụa (sửa)"))).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await QueryAsync(db => db.People.Select(p => p.FullName).SingleAsync()), Is.EqualTo("Đinh Thị Lụa (sửa)"));
        Assert.That((await writer.DeleteAsync($"/api/v1/admin/people/{person}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
    }

    private static async Task AssertUnchangedAsync(string fullName, params string[] positionTitles)
    {
        var stored = await QueryAsync(db => db.People.Include(p => p.Positions).SingleAsync());
        Assert.That(stored.FullName, Is.EqualTo(fullName));
        Assert.That(stored.Positions.Select(p => p.Title), Is.EquivalentTo(positionTitles));
        Assert.That(await QueryAsync(db => db.PersonPositions.CountAsync()), Is.EqualTo(positionTitles.Length));
    }
}
