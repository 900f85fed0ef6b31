using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>Builds organisations, people, events and participations through the management API, as an editor would.</summary>
public static class EventBuilder
{
    /// <summary>2023-08-16 14:00 in Hà Nam: the afternoon of the seed page's tọa đàm.</summary>
    public static readonly DateTimeOffset ToaDamStartsAt = new(2023, 8, 16, 14, 0, 0, TimeSpan.FromHours(7));

    public static Guid Id(JsonObject created) => created["id"]!.GetValue<Guid>();

    /// <summary>One position for <see cref="CreatePersonAsync"/> or a person request.</summary>
    public static object Position(string title, DateOnly? from = null, DateOnly? to = null, Guid? organisationId = null) =>
        new { title, organisationId, from, to };

    public static object PersonRequest(string fullName, params object[] positions) => new { fullName, positions };

    public static async Task<JsonObject> CreateOrganisationAsync(HttpClient admin, string name, string? shortName = null, Guid? parentId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/organisations", new { name, shortName, parentId });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), "creating an organisation failed: " + await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> CreatePersonAsync(HttpClient admin, string fullName, params object[] positions)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/people", PersonRequest(fullName, positions));
        Assert.That((int)response.StatusCode, Is.EqualTo(201), "creating a person failed: " + await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> CreateEventAsync(HttpClient admin, string title, DateTimeOffset? startsAt = null, Guid? organiserId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/events",
            new { kind = "toaDam", title, startsAt = startsAt ?? ToaDamStartsAt, organiserId });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), "creating an event failed: " + await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> PublishEventAsync(HttpClient admin, Guid eventId)
    {
        var response = await admin.PostAsync($"/api/v1/admin/events/{eventId}/publish", null);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), "publishing an event failed: " + await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> CreatePublishedEventAsync(HttpClient admin, string title, DateTimeOffset? startsAt = null, Guid? organiserId = null)
    {
        var created = await CreateEventAsync(admin, title, startsAt, organiserId);
        return await PublishEventAsync(admin, Id(created));
    }

    public static async Task<JsonObject> AddParticipationAsync(HttpClient admin, Guid eventId, Guid personId, string role = "du",
        string? titleAtEvent = null, int? displayOrder = null)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/admin/events/{eventId}/participations",
            new { personId, role, titleAtEvent, displayOrder });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), "adding a participation failed: " + await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A person taking part in a new published event, so the delivery API shows them.</summary>
    public static async Task<JsonObject> CreatePublicPersonAsync(HttpClient admin, string fullName, params object[] positions)
    {
        var person = await CreatePersonAsync(admin, fullName, positions);
        var published = await CreatePublishedEventAsync(admin, "Tọa đàm có " + fullName);
        await AddParticipationAsync(admin, Id(published), Id(person));
        return person;
    }
}
