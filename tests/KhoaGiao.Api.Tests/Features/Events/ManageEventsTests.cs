using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.Features.Events.EventTestData;

namespace KhoaGiao.Api.Tests.Features.Events;

public sealed class ManageEventsTests : ApiTest
{
    [Test]
    public async Task CreateEvent_stores_a_draft_with_a_Vietnamese_slug_and_times_in_UTC()
    {
        using var admin = Admin();
        var btg = await OrganisationAsync(admin, "Ban Tuyên giáo Tỉnh ủy", "BTG Tỉnh ủy");
        var startsAt = new DateTimeOffset(2023, 8, 16, 14, 0, 0, TimeSpan.FromHours(7));

        var response = await admin.PostAsJsonAsync("/api/v1/admin/events", Event("Tọa đàm “Nâng cao chất lượng công tác khoa giáo”", startsAt, organiserId: btg));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.ETag, Is.Not.Null);
        var body = await ReadJsonAsync(response);
        Assert.That(body["slug"]!.GetValue<string>(), Is.EqualTo("toa-dam-nang-cao-chat-luong-cong-tac-khoa-giao"));
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That(body["organiser"]!["shortName"]!.GetValue<string>(), Is.EqualTo("BTG Tỉnh ủy"));
        var stored = await QueryAsync(db => db.Events.SingleAsync());
        Assert.That(stored.StartsAt, Is.EqualTo(startsAt));
        Assert.That(stored.StartsAt.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(stored.Kind, Is.EqualTo(EventKind.ToaDam));
    }

    [Test]
    public async Task CreateEvent_numbers_clashing_slugs_and_rejects_a_given_slug_in_use()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        var first = await PostAsync(admin, "/api/v1/admin/events", Event("Hội nghị", now));
        var second = await PostAsync(admin, "/api/v1/admin/events", Event("Hội nghị", now));
        Assert.That(new[] { first["slug"]!.GetValue<string>(), second["slug"]!.GetValue<string>() }, Is.EqualTo(new[] { "hoi-nghi", "hoi-nghi-2" }));

        await AssertProblemAsync(await admin.PostAsJsonAsync("/api/v1/admin/events", Event("Khác", now, slug: "hoi-nghi")), 409);
        Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.EqualTo(2));
    }

    [Test]
    public async Task CreateEvent_with_invalid_fields_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/events", new
        {
            title = "",
            startsAt = (DateTimeOffset?)null,
            slug = "Sai Slug",
            location = new string('x', 301),
        });

        await AssertValidationProblemAsync(response, "kind", "title", "startsAt", "slug", "location");
        Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateEvent_with_an_unknown_kind_or_an_end_before_its_start_returns_validation_problem()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        await AssertProblemAsync(await admin.PostAsJsonAsync("/api/v1/admin/events", new { kind = "hopBao", title = "Họp báo", startsAt = now }), 400);
        await AssertValidationProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/admin/events", new { kind = "hoiNghi", title = "Hội nghị", startsAt = now, endsAt = now.AddHours(-1) }), "endsAt");
        Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task CreateEvent_with_an_unknown_organiser_returns_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/events", Event("Hội thảo", Factory.Clock.GetUtcNow(), "hoiThao", Guid.NewGuid()));

        await AssertValidationProblemAsync(response, "organiserId");
        Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task UpdateEvent_with_a_stale_If_Match_returns_412_and_changes_nothing()
    {
        using var admin = Admin();
        var evt = await PostAsync(admin, "/api/v1/admin/events", Event("Tên cũ", Factory.Clock.GetUtcNow()));
        var etag = (await admin.GetAsync($"/api/v1/admin/events/{evt["id"]}")).Headers.ETag!;
        var fresh = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/events/{evt["id"]}") { Content = JsonContent.Create(Event("Tên mới", Factory.Clock.GetUtcNow())) };
        fresh.Headers.IfMatch.Add(etag);
        Assert.That((await admin.SendAsync(fresh)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/events/{evt["id"]}") { Content = JsonContent.Create(Event("Tên khác", Factory.Clock.GetUtcNow())) };
        stale.Headers.IfMatch.Add(etag);
        await AssertProblemAsync(await admin.SendAsync(stale), 412);

        var stored = await QueryAsync(db => db.Events.SingleAsync());
        Assert.That(stored.Title, Is.EqualTo("Tên mới"));
        Assert.That(stored.Slug, Is.EqualTo("ten-cu"));
    }

    [Test]
    public async Task DeleteEvent_reported_by_an_article_returns_409_naming_it_and_deletes_nothing()
    {
        using var admin = Admin();
        var evt = await PostAsync(admin, "/api/v1/admin/events", Event("Hội nghị", Factory.Clock.GetUtcNow()));
        await ArticleBuilder.CreateAsync(admin, new { title = "Bài về hội nghị", body = "<p>x</p>", eventId = evt["id"] });

        var problem = await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/events/{evt["id"]}"), 409);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("bai-ve-hoi-nghi"));
        Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task DeleteEvent_removes_it_with_its_participations()
    {
        using var admin = Admin();
        var evt = await PostAsync(admin, "/api/v1/admin/events", Event("Hội nghị", Factory.Clock.GetUtcNow()));
        await ParticipationAsync(admin, evt, await PersonAsync(admin, "Trần Văn A"), "du");

        Assert.That((await admin.DeleteAsync($"/api/v1/admin/events/{evt["id"]}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.Participations.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.EqualTo(1));
        await AssertProblemAsync(await admin.DeleteAsync($"/api/v1/admin/events/{evt["id"]}"), 404);
    }

    [Test]
    public async Task Event_routes_enforce_scopes()
    {
        using var admin = Admin();
        var evt = await PostAsync(admin, "/api/v1/admin/events", Event("Hội nghị", Factory.Clock.GetUtcNow()));
        using var reader = await WithScopesAsync(Scopes.ContentRead);
        using var writer = await WithScopesAsync(Scopes.ContentWrite);
        using var anonymous = Anonymous();

        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/admin/events"), 401);
        await AssertProblemAsync(await reader.PostAsJsonAsync("/api/v1/admin/events", Event("Khác", Factory.Clock.GetUtcNow())), 403);
        await AssertProblemAsync(await writer.PostAsync($"/api/v1/admin/events/{evt["id"]}/publish", null), 403);
        await AssertProblemAsync(await reader.DeleteAsync($"/api/v1/admin/events/{evt["id"]}"), 403);
        Assert.That((await reader.GetAsync($"/api/v1/admin/events/{evt["id"]}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var stored = await QueryAsync(db => db.Events.SingleAsync());
        Assert.That(stored.Status, Is.EqualTo(EventStatus.Draft));
    }

    [Test]
    public async Task An_author_changes_draft_events_but_not_published_ones()
    {
        using var admin = Admin();
        using var author = await UserBuilder.SignedInAsync(Factory, admin, Roles.Author);
        using var editor = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        var evt = await PostAsync(author.Client, "/api/v1/admin/events", Event("Hội thảo nháp", Factory.Clock.GetUtcNow()));
        var person = await PersonAsync(author.Client, "Trần Văn B");
        Assert.That((await author.Client.PutAsJsonAsync($"/api/v1/admin/events/{evt["id"]}", Event("Hội thảo nháp, đã sửa", Factory.Clock.GetUtcNow()))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await editor.Client.PostAsync($"/api/v1/admin/events/{evt["id"]}/publish", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertProblemAsync(await author.Client.PutAsJsonAsync($"/api/v1/admin/events/{evt["id"]}", Event("Sửa sau khi công bố", Factory.Clock.GetUtcNow())), 403);
        await AssertProblemAsync(await author.Client.PostAsJsonAsync($"/api/v1/admin/events/{evt["id"]}/participations", new { personId = person, role = "du" }), 403);
        await AssertProblemAsync(await author.Client.DeleteAsync($"/api/v1/admin/events/{evt["id"]}"), 403);

        var stored = await QueryAsync(db => db.Events.SingleAsync());
        Assert.That(stored.Title, Is.EqualTo("Hội thảo nháp, đã sửa"));
        Assert.That(await QueryAsync(db => db.Participations.CountAsync()), Is.Zero);
        Assert.That((await editor.Client.PutAsJsonAsync($"/api/v1/admin/events/{evt["id"]}", Event("Biên tập viên sửa", Factory.Clock.GetUtcNow()))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
