using System.Net;
using System.Net.Http.Json;
using System.Text;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.TestHost.EventBuilder;

namespace KhoaGiao.Api.Tests.Features.Organisations;

public sealed class OrganisationTests : ApiTest
{
    private const string TinhUy = "Tỉnh ủy Hà Nam";
    private const string BanTuyenGiao = "Ban Tuyên giáo Tỉnh ủy Hà Nam";

    private static Task<List<string>> NamesAsync() =>
        QueryAsync(db => db.Organisations.OrderBy(o => o.Name).Select(o => o.Name).ToListAsync());

    [Test]
    public async Task CreateOrganisation_stores_it_under_its_parent_and_returns_it_with_location()
    {
        using var admin = Admin();
        var parent = Id(await CreateOrganisationAsync(admin, TinhUy));

        var response = await admin.PostAsJsonAsync("/api/v1/admin/organisations",
            new { name = "  " + BanTuyenGiao + " ", shortName = " BTG Tỉnh ủy ", parentId = parent });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(response);
        var id = Id(body);
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/admin/organisations/{id}"));
        Assert.That(body["name"]!.GetValue<string>(), Is.EqualTo(BanTuyenGiao));
        Assert.That(body["shortName"]!.GetValue<string>(), Is.EqualTo("BTG Tỉnh ủy"));
        Assert.That(body["parentId"]!.GetValue<Guid>(), Is.EqualTo(parent));
        Assert.That(body["parentName"]!.GetValue<string>(), Is.EqualTo(TinhUy));

        var stored = await QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == id));
        Assert.That(stored.Name, Is.EqualTo(BanTuyenGiao));
        Assert.That(stored.ParentId, Is.EqualTo(parent));
        var fetched = await ReadJsonAsync(await admin.GetAsync(response.Headers.Location));
        Assert.That(fetched.ToJsonString(), Is.EqualTo(body.ToJsonString()));
    }

    [Test]
    public async Task CreateOrganisation_stores_an_NFD_name_in_NFC()
    {
        using var admin = Admin();
        var created = await CreateOrganisationAsync(admin, BanTuyenGiao.Normalize(NormalizationForm.FormD), "BTG Tỉnh ủy".Normalize(NormalizationForm.FormD));

        var stored = await QueryAsync(db => db.Organisations.SingleAsync());
        Assert.That(stored.Name, Is.EqualTo(BanTuyenGiao.Normalize(NormalizationForm.FormC)));
        Assert.That(stored.ShortName, Is.EqualTo("BTG Tỉnh ủy".Normalize(NormalizationForm.FormC)));
        Assert.That(created["name"]!.GetValue<string>().IsNormalized(NormalizationForm.FormC), Is.True);
    }

    [Test]
    public async Task CreateOrganisation_with_a_name_in_use_returns_409_and_writes_nothing()
    {
        using var admin = Admin();
        await CreateOrganisationAsync(admin, BanTuyenGiao);

        var response = await admin.PostAsJsonAsync("/api/v1/admin/organisations", new { name = " " + BanTuyenGiao + " ", shortName = "BTG" });

        var problem = await AssertProblemAsync(response, 409);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(BanTuyenGiao));
        Assert.That(await NamesAsync(), Is.EqualTo(new[] { BanTuyenGiao }));
    }

    [Test]
    public async Task CreateOrganisation_with_a_name_in_use_typed_in_NFD_returns_409_and_writes_nothing()
    {
        using var admin = Admin();
        await CreateOrganisationAsync(admin, BanTuyenGiao);

        var response = await admin.PostAsJsonAsync("/api/v1/admin/organisations", new { name = BanTuyenGiao.Normalize(NormalizationForm.FormD) });

        await AssertProblemAsync(response, 409);
        Assert.That(await QueryAsync(db => db.Organisations.CountAsync()), Is.EqualTo(1));
    }

    [TestCase("", "name")]
    [TestCase("   ", "name")]
    [TestCase(null, "name")]
    public async Task CreateOrganisation_with_an_empty_name_returns_validation_problem_and_writes_nothing(string? name, string field)
    {
        using var admin = Admin();
        var problem = await AssertValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/admin/organisations", new { name }), field);

        Assert.That(problem["errors"]!["name"]![0]!.GetValue<string>(), Does.Contain("không được rỗng"));
        Assert.That(await QueryAsync(db => db.Organisations.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateOrganisation_with_too_long_fields_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/organisations", new { name = new string('a', 301), shortName = new string('b', 101) });

        await AssertValidationProblemAsync(response, "name", "shortName");
        Assert.That(await QueryAsync(db => db.Organisations.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateOrganisation_accepts_a_name_of_exactly_300_characters()
    {
        using var admin = Admin();
        await CreateOrganisationAsync(admin, new string('a', 300), new string('b', 100));
        Assert.That(await QueryAsync(db => db.Organisations.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task CreateOrganisation_with_an_unknown_parent_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var unknown = Guid.NewGuid();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/organisations", new { name = BanTuyenGiao, parentId = unknown });

        var problem = await AssertValidationProblemAsync(response, "parentId");
        Assert.That(problem["errors"]!["parentId"]![0]!.GetValue<string>(), Does.Contain(unknown.ToString()));
        Assert.That(await QueryAsync(db => db.Organisations.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task UpdateOrganisation_replaces_its_fields_and_may_keep_its_own_name()
    {
        using var admin = Admin();
        var parent = Id(await CreateOrganisationAsync(admin, TinhUy));
        var organisation = Id(await CreateOrganisationAsync(admin, BanTuyenGiao, "BTG", parent));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/organisations/{organisation}", new { name = BanTuyenGiao, shortName = "BTG Tỉnh ủy" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(response);
        Assert.That(body["shortName"]!.GetValue<string>(), Is.EqualTo("BTG Tỉnh ủy"));
        Assert.That(body["parentId"], Is.Null);
        var stored = await QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == organisation));
        Assert.That(stored.ShortName, Is.EqualTo("BTG Tỉnh ủy"));
        Assert.That(stored.ParentId, Is.Null);
    }

    [Test]
    public async Task UpdateOrganisation_to_a_name_used_by_another_returns_409_and_changes_nothing()
    {
        using var admin = Admin();
        await CreateOrganisationAsync(admin, TinhUy);
        var organisation = Id(await CreateOrganisationAsync(admin, BanTuyenGiao, "BTG"));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/organisations/{organisation}", new { name = TinhUy, shortName = "TU" });

        await AssertProblemAsync(response, 409);
        var stored = await QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == organisation));
        Assert.That(stored.Name, Is.EqualTo(BanTuyenGiao));
        Assert.That(stored.ShortName, Is.EqualTo("BTG"));
    }

    [Test]
    public async Task UpdateOrganisation_as_its_own_parent_returns_validation_problem_and_changes_nothing()
    {
        using var admin = Admin();
        var organisation = Id(await CreateOrganisationAsync(admin, TinhUy));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/organisations/{organisation}", new { name = "Tỉnh ủy (sửa)", parentId = organisation });

        await AssertValidationProblemAsync(response, "parentId");
        var stored = await QueryAsync(db => db.Organisations.SingleAsync());
        Assert.That(stored.Name, Is.EqualTo(TinhUy));
        Assert.That(stored.ParentId, Is.Null);
    }

    [Test]
    public async Task UpdateOrganisation_under_one_of_its_descendants_returns_validation_problem_and_changes_nothing()
    {
        using var admin = Admin();
        var tinhUy = Id(await CreateOrganisationAsync(admin, TinhUy));
        var ban = Id(await CreateOrganisationAsync(admin, BanTuyenGiao, parentId: tinhUy));
        var phong = Id(await CreateOrganisationAsync(admin, "Phòng Khoa giáo", parentId: ban));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/organisations/{tinhUy}", new { name = TinhUy, parentId = phong });

        var problem = await AssertValidationProblemAsync(response, "parentId");
        Assert.That(problem["errors"]!["parentId"]![0]!.GetValue<string>(), Does.Contain("trực thuộc"));
        Assert.That(await QueryAsync(db => db.Organisations.Where(o => o.Id == tinhUy).Select(o => o.ParentId).SingleAsync()), Is.Null);
        Assert.That(await QueryAsync(db => db.Organisations.Where(o => o.Id == phong).Select(o => o.ParentId).SingleAsync()), Is.EqualTo(ban));
    }

    [Test]
    public async Task UpdateOrganisation_may_move_under_an_organisation_outside_its_subtree()
    {
        using var admin = Admin();
        var tinhUy = Id(await CreateOrganisationAsync(admin, TinhUy));
        var ubnd = Id(await CreateOrganisationAsync(admin, "UBND tỉnh Hà Nam"));
        var ban = Id(await CreateOrganisationAsync(admin, BanTuyenGiao, parentId: tinhUy));

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/organisations/{ban}", new { name = BanTuyenGiao, parentId = ubnd });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await QueryAsync(db => db.Organisations.Where(o => o.Id == ban).Select(o => o.ParentId).SingleAsync()), Is.EqualTo(ubnd));
    }

    [Test]
    public async Task UpdateOrganisation_with_an_unknown_parent_or_invalid_fields_returns_validation_problem_and_changes_nothing()
    {
        using var admin = Admin();
        var organisation = Id(await CreateOrganisationAsync(admin, BanTuyenGiao, "BTG"));

        await AssertValidationProblemAsync(await admin.PutAsJsonAsync($"/api/v1/admin/organisations/{organisation}",
            new { name = BanTuyenGiao, parentId = Guid.NewGuid() }), "parentId");
        await AssertValidationProblemAsync(await admin.PutAsJsonAsync($"/api/v1/admin/organisations/{organisation}",
            new { name = new string('a', 301) }), "name");
        await AssertValidationProblemAsync(await admin.PutAsJsonAsync($"/api/v1/admin/organisations/{organisation}",
            new { name = "" }), "name");

        var stored = await QueryAsync(db => db.Organisations.SingleAsync());
        Assert.That(stored.Name, Is.EqualTo(BanTuyenGiao));
        Assert.That(stored.ShortName, Is.EqualTo("BTG"));
        Assert.That(stored.ParentId, Is.Null);
    }

    [Test]
    public async Task UpdateOrganisation_for_an_unknown_id_returns_404_problem_and_writes_nothing()
    {
        using var admin = Admin();
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/v1/admin/organisations/{Guid.NewGuid()}", new { name = TinhUy }), 404);
        Assert.That(await QueryAsync(db => db.Organisations.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task ListOrganisations_lists_every_organisation_by_name_as_one_page()
    {
        using var admin = Admin();
        var tinhUy = Id(await CreateOrganisationAsync(admin, TinhUy));
        await CreateOrganisationAsync(admin, "UBND tỉnh Hà Nam");
        await CreateOrganisationAsync(admin, BanTuyenGiao, "BTG Tỉnh ủy", tinhUy);

        var page = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/organisations"));

        Assert.That(page["items"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()),
            Is.EqualTo(new[] { BanTuyenGiao, TinhUy, "UBND tỉnh Hà Nam" }));
        Assert.That(page["items"]![0]!["parentName"]!.GetValue<string>(), Is.EqualTo(TinhUy));
        Assert.That(page["nextCursor"], Is.Null);
    }

    [Test]
    public async Task GetOrganisation_for_an_unknown_id_returns_404_problem()
    {
        using var admin = Admin();
        await AssertProblemAsync(await admin.GetAsync($"/api/v1/admin/organisations/{Guid.NewGuid()}"), 404);
    }

    [Test]
    public async Task DeleteOrganisation_nobody_refers_to_removes_it()
    {
        using var admin = Admin();
        await CreateOrganisationAsync(admin, TinhUy);
        var organisation = Id(await CreateOrganisationAsync(admin, "Đơn vị nhập nhầm"));

        Assert.That((await admin.DeleteAsync($"/api/v1/admin/organisations/{organisation}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(await NamesAsync(), Is.EqualTo(new[] { TinhUy }));
        await AssertProblemAsync(await admin.GetAsync($"/api/v1/admin/organisations/{organisation}"), 404);
    }

    [Test]
    public async Task DeleteOrganisation_that_organised_an_event_returns_409_naming_the_event_and_deletes_nothing()
    {
        using var admin = Admin();
        var organisation = Id(await CreateOrganisationAsync(admin, BanTuyenGiao));
        await CreateEventAsync(admin, "Tọa đàm khoa giáo", organiserId: organisation);

        var problem = await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/organisations/{organisation}"), 409);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("toa-dam-khoa-giao"));
        Assert.That(await NamesAsync(), Is.EqualTo(new[] { BanTuyenGiao }));
        Assert.That(await QueryAsync(db => db.Events.Select(e => e.OrganiserId).SingleAsync()), Is.EqualTo(organisation));
    }

    [Test]
    public async Task DeleteOrganisation_named_in_a_position_returns_409_and_deletes_nothing()
    {
        using var admin = Admin();
        var organisation = Id(await CreateOrganisationAsync(admin, BanTuyenGiao));
        await CreatePersonAsync(admin, "Lê Thị Thanh Hà", Position("Trưởng Ban", new DateOnly(2020, 10, 16), organisationId: organisation));

        var problem = await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/organisations/{organisation}"), 409);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("1 chức vụ"));
        Assert.That(await NamesAsync(), Is.EqualTo(new[] { BanTuyenGiao }));
        Assert.That(await QueryAsync(db => db.PersonPositions.Select(p => p.OrganisationId).SingleAsync()), Is.EqualTo(organisation));
    }

    [Test]
    public async Task DeleteOrganisation_with_a_child_organisation_returns_409_naming_the_child_and_deletes_nothing()
    {
        using var admin = Admin();
        var parent = Id(await CreateOrganisationAsync(admin, TinhUy));
        await CreateOrganisationAsync(admin, BanTuyenGiao, parentId: parent);

        var problem = await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/organisations/{parent}"), 409);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(BanTuyenGiao));
        Assert.That(await NamesAsync(), Is.EqualTo(new[] { BanTuyenGiao, TinhUy }));
    }

    [Test]
    public async Task DeleteOrganisation_for_an_unknown_id_returns_404_problem_and_deletes_nothing()
    {
        using var admin = Admin();
        await CreateOrganisationAsync(admin, TinhUy);

        await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/organisations/{Guid.NewGuid()}"), 404);
        Assert.That(await NamesAsync(), Is.EqualTo(new[] { TinhUy }));
    }

    [Test]
    public async Task Organisation_routes_without_a_key_return_401_problem_and_change_nothing()
    {
        using var admin = Admin();
        var organisation = Id(await CreateOrganisationAsync(admin, TinhUy));
        using var anonymous = Anonymous();

        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/admin/organisations"), 401);
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/admin/organisations/{organisation}"), 401);
        var create = await anonymous.PostAsJsonAsync("/api/v1/admin/organisations", new { name = BanTuyenGiao });
        await AssertProblemAsync(create, 401);
        Assert.That(create.Headers.WwwAuthenticate.ToString(), Is.EqualTo("ApiKey"));
        await AssertProblemAsync(await anonymous.PutAsJsonAsync($"/api/v1/admin/organisations/{organisation}", new { name = "Sửa trộm" }), 401);
        await AssertProblemAsync(await anonymous.DeleteAsync($"/api/v1/admin/organisations/{organisation}"), 401);

        Assert.That(await NamesAsync(), Is.EqualTo(new[] { TinhUy }));
    }

    [Test]
    public async Task Organisation_writes_with_a_read_only_key_return_403_problem_and_change_nothing()
    {
        using var admin = Admin();
        var organisation = Id(await CreateOrganisationAsync(admin, TinhUy));
        using var reader = await WithScopesAsync(Scopes.ContentRead);

        Assert.That((await reader.GetAsync("/api/v1/admin/organisations")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await reader.GetAsync($"/api/v1/admin/organisations/{organisation}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await reader.PostAsJsonAsync("/api/v1/admin/organisations", new { name = BanTuyenGiao }), 403);
        await AssertProblemAsync(await reader.PutAsJsonAsync($"/api/v1/admin/organisations/{organisation}", new { name = "Sửa trộm" }), 403);
        await AssertProblemAsync(await reader.DeleteAsync($"/api/v1/admin/organisations/{organisation}"), 403);

        Assert.That(await NamesAsync(), Is.EqualTo(new[] { TinhUy }));
    }

    [Test]
    public async Task Organisation_reads_with_a_write_only_key_return_403_problem()
    {
        using var admin = Admin();
        var organisation = Id(await CreateOrganisationAsync(admin, TinhUy));
        using var writer = await WithScopesAsync(Scopes.ContentWrite);

        await AssertProblemAsync(await writer.GetAsync("/api/v1/admin/organisations"), 403);
        await AssertProblemAsync(await writer.GetAsync($"/api/v1/admin/organisations/{organisation}"), 403);
    }
}
