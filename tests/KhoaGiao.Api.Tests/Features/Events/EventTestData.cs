using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KhoaGiao.Api.Tests.Features.Events;

/// <summary>Builds organisations, people and events through the management API for the event tests.</summary>
internal static class EventTestData
{
    public static async Task<JsonObject> PostAsync(HttpClient admin, string url, object body)
    {
        var response = await admin.PostAsJsonAsync(url, body);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), $"POST {url} failed: {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<Guid> OrganisationAsync(HttpClient admin, string name, string? shortName = null) =>
        (await PostAsync(admin, "/api/v1/admin/organisations", new { name, shortName }))["id"]!.GetValue<Guid>();

    public static async Task<Guid> PersonAsync(HttpClient admin, string fullName, params object[] positions) =>
        (await PostAsync(admin, "/api/v1/admin/people", new { fullName, positions }))["id"]!.GetValue<Guid>();

    public static object Event(string title, DateTimeOffset startsAt, string kind = "toaDam", Guid? organiserId = null, string? slug = null) =>
        new { kind, title, slug, startsAt, organiserId, location = "Hội trường Tỉnh ủy", summary = "Tóm tắt sự kiện." };

    public static async Task<JsonObject> EventAsync(HttpClient admin, object request, bool publish = true)
    {
        var created = await PostAsync(admin, "/api/v1/admin/events", request);
        if (publish)
        {
            var response = await admin.PostAsync($"/api/v1/admin/events/{created["id"]}/publish", null);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), "publishing the event failed");
        }

        return created;
    }

    public static Task<JsonObject> ParticipationAsync(HttpClient admin, JsonObject evt, Guid personId, string role, string? titleAtEvent = null, int? displayOrder = null) =>
        PostAsync(admin, $"/api/v1/admin/events/{evt["id"]}/participations", new { personId, role, titleAtEvent, displayOrder });
}
