using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.Features.Events.EventTestData;

namespace KhoaGiao.Api.Tests.Features.Events;

public sealed class ParticipationTests : ApiTest
{
    [Test]
    public async Task AddParticipation_without_a_title_takes_the_position_held_on_the_event_date()
    {
        using var admin = Admin();
        var person = await PersonAsync(admin, "Lê Thị Thanh Hà",
            new { title = "Phó Trưởng BTG Tỉnh ủy", from = "2015-01-01", to = "2020-10-15" },
            new { title = "Ủy viên BTV Tỉnh ủy, Trưởng BTG Tỉnh ủy", from = "2020-10-16" });
        var early = await PostAsync(admin, "/api/v1/admin/events", Event("Hội nghị 2019", new DateTimeOffset(2019, 5, 1, 8, 0, 0, TimeSpan.FromHours(7))));
        var later = await PostAsync(admin, "/api/v1/admin/events", Event("Tọa đàm 2023", new DateTimeOffset(2023, 8, 16, 14, 0, 0, TimeSpan.FromHours(7))));

        var first = await ParticipationAsync(admin, early, person, "chuTri");
        var second = await ParticipationAsync(admin, later, person, "chuTri");

        Assert.That(first["titleAtEvent"]!.GetValue<string>(), Is.EqualTo("Phó Trưởng BTG Tỉnh ủy"));
        Assert.That(second["titleAtEvent"]!.GetValue<string>(), Is.EqualTo("Ủy viên BTV Tỉnh ủy, Trưởng BTG Tỉnh ủy"));
        Assert.That(second["roleLabel"]!.GetValue<string>(), Is.EqualTo("Chủ trì"));
    }

    [Test]
    public async Task AddParticipation_allows_several_roles_but_not_the_same_role_twice()
    {
        using var admin = Admin();
        var evt = await PostAsync(admin, "/api/v1/admin/events", Event("Tọa đàm", Factory.Clock.GetUtcNow()));
        var person = await PersonAsync(admin, "Lê Thị Thanh Hà");
        await ParticipationAsync(admin, evt, person, "chuTri");
        await ParticipationAsync(admin, evt, person, "phatBieuKetLuan");

        await AssertProblemAsync(await admin.PostAsJsonAsync($"/api/v1/admin/events/{evt["id"]}/participations", new { personId = person, role = "chuTri" }), 409);

        Assert.That(await QueryAsync(db => db.Participations.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task AddParticipation_with_bad_input_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var evt = await PostAsync(admin, "/api/v1/admin/events", Event("Tọa đàm", Factory.Clock.GetUtcNow()));
        var url = $"/api/v1/admin/events/{evt["id"]}/participations";

        await AssertValidationProblemAsync(await admin.PostAsJsonAsync(url, new { displayOrder = -1 }), "personId", "role", "displayOrder");
        await AssertValidationProblemAsync(await admin.PostAsJsonAsync(url, new { personId = Guid.NewGuid(), role = "du" }), "personId");
        await AssertProblemAsync(await admin.PostAsJsonAsync($"/api/v1/admin/events/{Guid.NewGuid()}/participations", new { personId = Guid.NewGuid(), role = "du" }), 404);

        Assert.That(await QueryAsync(db => db.Participations.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task UpdateParticipation_changes_role_title_and_order_and_RemoveParticipation_deletes_it()
    {
        using var admin = Admin();
        var evt = await PostAsync(admin, "/api/v1/admin/events", Event("Tọa đàm", Factory.Clock.GetUtcNow()));
        var person = await PersonAsync(admin, "Nguyễn Hải Long");
        var participation = await ParticipationAsync(admin, evt, person, "du");
        var url = $"/api/v1/admin/events/{evt["id"]}/participations/{participation["id"]}";

        var updated = await ReadJsonAsync(await admin.PutAsJsonAsync(url, new { personId = person, role = "chuTri", titleAtEvent = "Phó Ban Thường trực BTG Tỉnh ủy", displayOrder = 2 }));
        Assert.That(updated["role"]!.GetValue<string>(), Is.EqualTo("chuTri"));
        Assert.That(updated["displayOrder"]!.GetValue<int>(), Is.EqualTo(2));

        var admin_ = await ReadJsonAsync(await admin.GetAsync($"/api/v1/admin/events/{evt["id"]}"));
        Assert.That(admin_["participations"]![0]!["titleAtEvent"]!.GetValue<string>(), Is.EqualTo("Phó Ban Thường trực BTG Tỉnh ủy"));

        Assert.That((await admin.DeleteAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await QueryAsync(db => db.Participations.CountAsync()), Is.Zero);
        await AssertProblemAsync(await admin.DeleteAsync(url), 404);
        await AssertProblemAsync(await admin.PutAsJsonAsync(url, new { personId = person, role = "du" }), 404);
    }
}
