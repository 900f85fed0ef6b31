using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.TestHost.EventBuilder;

namespace KhoaGiao.Api.Tests.Features.People;

public sealed class MergePeopleTests : ApiTest
{
    /// <summary>One person entered twice, spelled two ways, at different events and once at the same event in the same role.</summary>
    private sealed record Duplicates(Guid Kept, Guid Duplicate, Guid KeptOnly, Guid DuplicateOnly, Guid Shared)
    {
        public static async Task<Duplicates> CreateAsync(HttpClient admin)
        {
            var kept = Id(await CreatePersonAsync(admin, "Nguyễn Văn Hòa", Position("Phó Trưởng Ban Tuyên giáo Tỉnh ủy", new DateOnly(2015, 1, 1), new DateOnly(2022, 12, 31))));
            var duplicate = Id(await CreatePersonAsync(admin, "Nguyễn Văn Hoà", Position("Trưởng Ban Tuyên giáo Tỉnh ủy", new DateOnly(2023, 1, 1))));
            var keptOnly = Id(await CreatePublishedEventAsync(admin, "Hội nghị năm 2022", new DateTimeOffset(2022, 5, 10, 8, 0, 0, TimeSpan.FromHours(7))));
            var duplicateOnly = Id(await CreatePublishedEventAsync(admin, "Hội thảo năm 2024", new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(7))));
            var shared = Id(await CreatePublishedEventAsync(admin, "Tọa đàm năm 2023"));
            await AddParticipationAsync(admin, keptOnly, kept, "chuTri");
            await AddParticipationAsync(admin, duplicateOnly, duplicate, "thamLuan");
            await AddParticipationAsync(admin, shared, kept, "phatBieuChiDao", titleAtEvent: "Bản ghi giữ lại");
            await AddParticipationAsync(admin, shared, duplicate, "phatBieuChiDao", titleAtEvent: "Bản ghi trùng");
            return new Duplicates(kept, duplicate, keptOnly, duplicateOnly, shared);
        }
    }

    private static Task<List<(Guid PersonId, Guid EventId, ParticipationRole Role, string? Title)>> ParticipationsAsync() =>
        QueryAsync(async db => (await db.Participations.OrderBy(p => p.Id).ToListAsync())
            .Select(p => (p.PersonId, p.EventId, p.Role, p.TitleAtEvent)).ToList());

    private static Task<List<(Guid PersonId, string Title)>> PositionsAsync() =>
        QueryAsync(async db => (await db.PersonPositions.OrderBy(p => p.Id).ToListAsync()).Select(p => (p.PersonId, p.Title)).ToList());

    [Test]
    public async Task MergePeople_moves_participations_and_positions_to_the_kept_person_and_deletes_the_duplicate()
    {
        using var admin = Admin();
        var d = await Duplicates.CreateAsync(admin);

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/people/{d.Kept}/merge", new { duplicateId = d.Duplicate });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(response);
        Assert.That(body["id"]!.GetValue<Guid>(), Is.EqualTo(d.Kept));
        Assert.That(body["fullName"]!.GetValue<string>(), Is.EqualTo("Nguyễn Văn Hòa"));
        Assert.That(body["events"]!.AsArray().Select(e => e!["eventId"]!.GetValue<Guid>()), Is.EqualTo(new[] { d.DuplicateOnly, d.Shared, d.KeptOnly }));
        var sharedRoles = body["events"]![1]!["roles"]!.AsArray();
        Assert.That(sharedRoles.Select(r => r!["titleAtEvent"]!.GetValue<string>()), Is.EqualTo(new[] { "Bản ghi giữ lại" }));
        Assert.That(body["positions"]!.AsArray().Select(p => p!["title"]!.GetValue<string>()),
            Is.EqualTo(new[] { "Trưởng Ban Tuyên giáo Tỉnh ủy", "Phó Trưởng Ban Tuyên giáo Tỉnh ủy" }));

        Assert.That(await ParticipationsAsync(), Is.EquivalentTo(new[]
        {
            (d.Kept, d.KeptOnly, ParticipationRole.ChuTri, (string?)"Phó Trưởng Ban Tuyên giáo Tỉnh ủy"),
            (d.Kept, d.DuplicateOnly, ParticipationRole.ThamLuan, (string?)"Trưởng Ban Tuyên giáo Tỉnh ủy"),
            (d.Kept, d.Shared, ParticipationRole.PhatBieuChiDao, (string?)"Bản ghi giữ lại"),
        }));
        Assert.That(await PositionsAsync(), Is.EquivalentTo(new[]
        {
            (d.Kept, "Phó Trưởng Ban Tuyên giáo Tỉnh ủy"),
            (d.Kept, "Trưởng Ban Tuyên giáo Tỉnh ủy"),
        }));
        Assert.That(await QueryAsync(db => db.People.Select(p => p.Id).ToListAsync()), Is.EqualTo(new[] { d.Kept }));

        await AssertProblemAsync(await admin.GetAsync($"/api/v1/admin/people/{d.Duplicate}"), 404);
        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync($"/api/v1/people/{d.Duplicate}"), 404);
        var found = await ReadJsonAsync(await anonymous.GetAsync("/api/v1/people?q=hoa"));
        Assert.That(found["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { d.Kept }));
        var sharedPage = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/events/{d.Shared}"));
        Assert.That(sharedPage["participants"]!.AsArray().Single()!["participants"]!.AsArray().Select(p => p!["personId"]!.GetValue<Guid>()),
            Is.EqualTo(new[] { d.Kept }));
    }

    [Test]
    public async Task MergePeople_keeps_a_duplicates_other_role_at_a_shared_event()
    {
        using var admin = Admin();
        var d = await Duplicates.CreateAsync(admin);
        await AddParticipationAsync(admin, d.Shared, d.Duplicate, "phatBieuKetLuan");

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/people/{d.Kept}/merge", new { duplicateId = d.Duplicate });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var roles = await QueryAsync(db => db.Participations.Where(p => p.EventId == d.Shared).Select(p => new { p.PersonId, p.Role }).ToListAsync());
        Assert.That(roles.Select(r => r.PersonId), Is.All.EqualTo(d.Kept));
        Assert.That(roles.Select(r => r.Role), Is.EquivalentTo(new[] { ParticipationRole.PhatBieuChiDao, ParticipationRole.PhatBieuKetLuan }));
    }

    [Test]
    public async Task MergePeople_into_itself_returns_validation_problem_and_changes_nothing()
    {
        using var admin = Admin();
        var d = await Duplicates.CreateAsync(admin);
        var participations = await ParticipationsAsync();
        var positions = await PositionsAsync();

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/people/{d.Kept}/merge", new { duplicateId = d.Kept });

        await AssertValidationProblemAsync(response, "duplicateId");
        Assert.That(await ParticipationsAsync(), Is.EqualTo(participations));
        Assert.That(await PositionsAsync(), Is.EqualTo(positions));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task MergePeople_without_a_duplicate_id_returns_validation_problem_and_changes_nothing()
    {
        using var admin = Admin();
        var d = await Duplicates.CreateAsync(admin);
        var participations = await ParticipationsAsync();

        await AssertValidationProblemAsync(await admin.PostAsJsonAsync($"/api/v1/admin/people/{d.Kept}/merge", new { }), "duplicateId");

        Assert.That(await ParticipationsAsync(), Is.EqualTo(participations));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task MergePeople_with_the_empty_guid_as_duplicate_id_returns_validation_problem_and_changes_nothing()
    {
        using var admin = Admin();
        var d = await Duplicates.CreateAsync(admin);
        var participations = await ParticipationsAsync();

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/people/{d.Kept}/merge", new { duplicateId = Guid.Empty });

        await AssertValidationProblemAsync(response, "duplicateId");
        Assert.That(await ParticipationsAsync(), Is.EqualTo(participations));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task MergePeople_with_an_unknown_duplicate_returns_404_and_changes_nothing()
    {
        using var admin = Admin();
        var d = await Duplicates.CreateAsync(admin);
        var participations = await ParticipationsAsync();
        var positions = await PositionsAsync();
        var unknown = Guid.NewGuid();

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/people/{d.Kept}/merge", new { duplicateId = unknown });

        var problem = await AssertProblemAsync(response, 404);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(unknown.ToString()));
        Assert.That(await ParticipationsAsync(), Is.EqualTo(participations));
        Assert.That(await PositionsAsync(), Is.EqualTo(positions));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task MergePeople_into_an_unknown_person_returns_404_and_changes_nothing()
    {
        using var admin = Admin();
        var d = await Duplicates.CreateAsync(admin);
        var participations = await ParticipationsAsync();
        var unknown = Guid.NewGuid();

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/people/{unknown}/merge", new { duplicateId = d.Duplicate });

        var problem = await AssertProblemAsync(response, 404);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(unknown.ToString()));
        Assert.That(await ParticipationsAsync(), Is.EqualTo(participations));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task MergePeople_without_a_key_returns_401_and_with_a_read_only_key_403_and_changes_nothing()
    {
        using var admin = Admin();
        var d = await Duplicates.CreateAsync(admin);
        var participations = await ParticipationsAsync();
        using var anonymous = Anonymous();
        using var reader = await WithScopesAsync(Scopes.ContentRead);

        await AssertProblemAsync(await anonymous.PostAsJsonAsync($"/api/v1/admin/people/{d.Kept}/merge", new { duplicateId = d.Duplicate }), 401);
        await AssertProblemAsync(await reader.PostAsJsonAsync($"/api/v1/admin/people/{d.Kept}/merge", new { duplicateId = d.Duplicate }), 403);

        Assert.That(await ParticipationsAsync(), Is.EqualTo(participations));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(2));
    }
}
