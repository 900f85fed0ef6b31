using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>Builds articles through the management API, as an editor would.</summary>
public static class ArticleBuilder
{
    public static object Request(string title, string? slug = null, string? category = null, string[]? tags = null,
        string body = "<p>Nội dung bài viết.</p>") =>
        new { title, slug, summary = "Tóm tắt.", body, category, tags };

    public static async Task<JsonObject> CreateAsync(HttpClient admin, object request)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/articles", request);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), "creating an article failed");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> CreatePublishedAsync(HttpClient admin, string title, DateTimeOffset? publishedAt = null,
        string? category = null, string[]? tags = null)
    {
        var created = await CreateAsync(admin, Request(title, category: category, tags: tags));
        var response = await admin.PostAsJsonAsync($"/api/v1/admin/articles/{created["id"]}/publish", new { publishedAt });
        Assert.That((int)response.StatusCode, Is.EqualTo(200), "publishing an article failed");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
