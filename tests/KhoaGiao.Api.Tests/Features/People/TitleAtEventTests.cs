using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.TestHost.EventBuilder;

namespace KhoaGiao.Api.Tests.Features.People;

/// <summary>The title printed at an event: taken from the position held that day, and kept when positions change.</summary>
public sealed class TitleAtEventTests : ApiTest
{
    private const string DeputySecretary = "Phó Bí thư Thường trực Tỉnh ủy";
    private const string Secretary = "Bí thư Tỉnh ủy";

    [Test]
    public async Task A_title_printed_at_an_event_survives_a_later_change_of_position()
    {
        using var admin = Admin();
        var tinhUy = Id(await CreateOrganisationAsync(admin, "Tỉnh ủy Hà Nam"));
        var person = Id(await CreatePersonAsync(admin, "Đinh Thị Lụa", Position(DeputySecretary, new DateOnly(2020, 1, 1), organisationId: tinhUy)));
        var toaDam = await CreateEventAsync(admin, "Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo”", ToaDamStartsAt);
        var added = await AddParticipationAsync(admin, Id(toaDam), person, "phatBieuChiDao");
        Assert.That(added["titleAtEvent"]!.GetValue<string>(), Is.EqualTo(DeputySecretary));
        await PublishEventAsync(admin, Id(toaDam));

        var update = await admin.PutAsJsonAsync($"/api/v1/admin/people/{person}", PersonRequest("Đinh Thị Lụa",
            Position(DeputySecretary, new DateOnly(2020, 1, 1), new DateOnly(2024, 1, 1), tinhUy),
            Position(Secretary, new DateOnly(2024, 1, 2), organisationId: tinhUy)));
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK), await update.Content.ReadAsStringAsync());

        using var anonymous = Anonymous();
        var eventPage = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/events/{toaDam["slug"]}"));
        var group = eventPage["participants"]!.AsArray().Single()!;
        Assert.That(group["role"]!.GetValue<string>(), Is.EqualTo("phatBieuChiDao"));
        Assert.That(group["participants"]![0]!["fullName"]!.GetValue<string>(), Is.EqualTo("Đinh Thị Lụa"));
        Assert.That(group["participants"]![0]!["titleAtEvent"]!.GetValue<string>(), Is.EqualTo(DeputySecretary));

        var personPage = await ReadJsonAsync(await anonymous.GetAsync($"/api/v1/people/{person}"));
        Assert.That(personPage["positions"]!.AsArray().Select(p => p!["title"]!.GetValue<string>()), Is.EqualTo(new[] { Secretary, DeputySecretary }));
        Assert.That(personPage["positions"]![1]!["to"]!.GetValue<string>(), Is.EqualTo("2024-01-01"));
        Assert.That(personPage["events"]![0]!["roles"]![0]!["titleAtEvent"]!.GetValue<string>(), Is.EqualTo(DeputySecretary));

        Assert.That(await QueryAsync(db => db.Participations.Select(p => p.TitleAtEvent).SingleAsync()), Is.EqualTo(DeputySecretary));
    }

    [Test]
    public async Task AddParticipation_takes_the_position_held_on_the_event_date_in_Asia_Ho_Chi_Minh()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Nguyễn Văn Hòa",
            Position(DeputySecretary, new DateOnly(2020, 1, 1), new DateOnly(2023, 8, 15)),
            Position(Secretary, new DateOnly(2023, 8, 16))));

        // 00:30 on 16 August in Hà Nam is still 15 August in UTC.
        var earlyMorning = await CreateEventAsync(admin, "Lễ chào cờ", new DateTimeOffset(2023, 8, 15, 17, 30, 0, TimeSpan.Zero));
        var added = await AddParticipationAsync(admin, Id(earlyMorning), person, "chuTri");

        Assert.That(added["titleAtEvent"]!.GetValue<string>(), Is.EqualTo(Secretary));
        Assert.That(await QueryAsync(db => db.Participations.Select(p => p.TitleAtEvent).SingleAsync()), Is.EqualTo(Secretary));
    }

    [Test]
    public async Task AddParticipation_takes_the_position_that_ended_on_the_event_date()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Nguyễn Văn Hòa",
            Position(DeputySecretary, new DateOnly(2020, 1, 1), new DateOnly(2023, 8, 16)),
            Position(Secretary, new DateOnly(2023, 8, 17))));

        var added = await AddParticipationAsync(admin, Id(await CreateEventAsync(admin, "Tọa đàm")), person, "chuTri");

        Assert.That(added["titleAtEvent"]!.GetValue<string>(), Is.EqualTo(DeputySecretary));
    }

    [Test]
    public async Task AddParticipation_with_no_position_covering_the_date_leaves_the_title_empty()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Nguyễn Văn Hòa", Position(Secretary, new DateOnly(2024, 1, 2))));

        var added = await AddParticipationAsync(admin, Id(await CreateEventAsync(admin, "Tọa đàm")), person, "du");

        Assert.That(added["titleAtEvent"], Is.Null);
        Assert.That(await QueryAsync(db => db.Participations.Select(p => p.TitleAtEvent).SingleAsync()), Is.Null);
    }

    [Test]
    public async Task AddParticipation_with_a_title_given_keeps_it_rather_than_the_position()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Lê Thị Thanh Hà", Position(DeputySecretary, new DateOnly(2020, 1, 1))));

        var added = await AddParticipationAsync(admin, Id(await CreateEventAsync(admin, "Tọa đàm")), person, "chuTri",
            titleAtEvent: "  Ủy viên BTV Tỉnh ủy, Trưởng BTG Tỉnh ủy  ");

        Assert.That(added["titleAtEvent"]!.GetValue<string>(), Is.EqualTo("Ủy viên BTV Tỉnh ủy, Trưởng BTG Tỉnh ủy"));
    }

    [Test]
    public async Task AddParticipation_prefers_the_latest_starting_of_overlapping_positions_over_one_with_an_unknown_start()
    {
        using var admin = Admin();
        var person = Id(await CreatePersonAsync(admin, "Lê Thị Thanh Hà",
            Position("Tỉnh ủy viên"),
            Position("Trưởng Ban Tuyên giáo Tỉnh ủy", new DateOnly(2020, 10, 16))));

        var added = await AddParticipationAsync(admin, Id(await CreateEventAsync(admin, "Tọa đàm")), person, "chuTri");

        Assert.That(added["titleAtEvent"]?.GetValue<string>(), Is.EqualTo("Trưởng Ban Tuyên giáo Tỉnh ủy"));
    }
}
