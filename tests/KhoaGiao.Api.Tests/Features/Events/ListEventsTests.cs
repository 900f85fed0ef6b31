using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;
using static KhoaGiao.Api.Tests.Features.Events.EventTestData;

namespace KhoaGiao.Api.Tests.Features.Events;

public sealed class ListEventsTests : ApiTest
{
    private static async Task<JsonObject> ListAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/events" + query);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return await ReadJsonAsync(response);
    }

    private static IEnumerable<string> Titles(JsonObject page) => page["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>());

    [Test]
    public async Task ListEvents_splits_upcoming_soonest_first_from_past_latest_first_and_hides_drafts()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        await EventAsync(admin, Event("Hội nghị tuần trước", now.AddDays(-7), "hoiNghi"));
        await EventAsync(admin, Event("Tọa đàm hôm qua", now.AddDays(-1)));
        await EventAsync(admin, Event("Hội thảo ngày mai", now.AddDays(1), "hoiThao"));
        await EventAsync(admin, Event("Lễ phát động tuần sau", now.AddDays(7), "le"));
        await EventAsync(admin, Event("Bản nháp ngày mai", now.AddDays(1)), publish: false);

        using var anonymous = Anonymous();
        Assert.That(Titles(await ListAsync(anonymous, "?when=upcoming")), Is.EqualTo(new[] { "Hội thảo ngày mai", "Lễ phát động tuần sau" }));
        Assert.That(Titles(await ListAsync(anonymous, "?when=past")), Is.EqualTo(new[] { "Tọa đàm hôm qua", "Hội nghị tuần trước" }));
        Assert.That(Titles(await ListAsync(anonymous)).ToList(), Has.Count.EqualTo(4).And.No.Contains("Bản nháp ngày mai"));
    }

    [Test]
    public async Task ListEvents_filters_by_kind_time_and_organiser_and_labels_kinds_in_Vietnamese()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        var btg = await OrganisationAsync(admin, "Ban Tuyên giáo Tỉnh ủy", "BTG Tỉnh ủy");
        await EventAsync(admin, Event("Tọa đàm khoa giáo", now.AddDays(-20), "toaDam", btg));
        await EventAsync(admin, Event("Hội nghị cán bộ", now.AddDays(-10), "hoiNghi", btg));
        await EventAsync(admin, Event("Tọa đàm giáo dục", now.AddDays(-2), "toaDam"));

        using var anonymous = Anonymous();
        var toaDam = await ListAsync(anonymous, "?kind=toaDam");
        Assert.That(Titles(toaDam), Is.EqualTo(new[] { "Tọa đàm giáo dục", "Tọa đàm khoa giáo" }));
        Assert.That(toaDam["items"]![0]!["kindLabel"]!.GetValue<string>(), Is.EqualTo("Tọa đàm"));
        Assert.That(Titles(await ListAsync(anonymous, $"?organiser={btg}")), Is.EqualTo(new[] { "Hội nghị cán bộ", "Tọa đàm khoa giáo" }));
        var from = Uri.EscapeDataString(now.AddDays(-15).ToString("O"));
        var to = Uri.EscapeDataString(now.AddDays(-5).ToString("O"));
        Assert.That(Titles(await ListAsync(anonymous, $"?from={from}&to={to}")), Is.EqualTo(new[] { "Hội nghị cán bộ" }));
    }

    [Test]
    public async Task ListEvents_gives_the_local_date_in_Ho_Chi_Minh()
    {
        using var admin = Admin();
        await EventAsync(admin, Event("Tọa đàm đầu giờ sáng", new DateTimeOffset(2023, 8, 16, 6, 30, 0, TimeSpan.FromHours(7))));

        using var anonymous = Anonymous();
        var item = (await ListAsync(anonymous))["items"]![0]!;
        Assert.That(item["startsAt"]!.GetValue<DateTimeOffset>().UtcDateTime.Day, Is.EqualTo(15));
        Assert.That(item["localDate"]!.GetValue<string>(), Is.EqualTo("2023-08-16"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task ListEvents_pages_neither_skip_nor_repeat(bool upcoming)
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        for (var i = 1; i <= 5; i++)
        {
            await EventAsync(admin, Event($"Sự kiện {i}", upcoming ? now.AddDays(i) : now.AddDays(-i)));
        }

        using var anonymous = Anonymous();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(anonymous, $"?when={(upcoming ? "upcoming" : "past")}&limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(Titles(page));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.That(seen, Is.EqualTo(Enumerable.Range(1, 5).Select(i => $"Sự kiện {i}")));
    }

    [TestCase("?when=soon", "when")]
    [TestCase("?kind=hop", "kind")]
    [TestCase("?limit=0", "limit")]
    [TestCase("?cursor=abc", "cursor")]
    public async Task ListEvents_with_bad_filters_returns_validation_problem(string query, string field)
    {
        using var anonymous = Anonymous();
        await AssertValidationProblemAsync(await anonymous.GetAsync("/api/v1/events" + query), field);
    }

    [Test]
    public async Task AdminListEvents_shows_drafts_and_filters_by_status()
    {
        using var admin = Admin();
        var now = Factory.Clock.GetUtcNow();
        await EventAsync(admin, Event("Đã công bố", now.AddDays(-1)));
        await EventAsync(admin, Event("Bản nháp", now.AddDays(-2)), publish: false);

        var drafts = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/events?status=draft"));
        var all = await ReadJsonAsync(await admin.GetAsync("/api/v1/admin/events"));

        Assert.That(Titles(drafts), Is.EqualTo(new[] { "Bản nháp" }));
        Assert.That(Titles(all), Is.EqualTo(new[] { "Đã công bố", "Bản nháp" }));
        await AssertValidationProblemAsync(await admin.GetAsync("/api/v1/admin/events?status=deleted"), "status");
        await AssertValidationProblemAsync(await admin.GetAsync("/api/v1/admin/events?limit=500"), "limit");
    }
}
