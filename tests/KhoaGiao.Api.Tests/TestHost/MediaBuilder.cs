using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>Uploads to the media library, as a form the way a browser sends it.</summary>
public static class MediaBuilder
{
    public static MultipartFormDataContent Form(byte[] bytes, string fileName = "photo.jpg", string? declaredType = "image/jpeg",
        IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        if (declaredType is not null)
        {
            file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        }

        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    /// <summary>Uploads and returns the created item; fails the test unless the answer is 201.</summary>
    public static async Task<JsonObject> UploadAsync(HttpClient admin, byte[] bytes, string fileName = "photo.jpg",
        IReadOnlyDictionary<string, string>? fields = null)
    {
        using var form = Form(bytes, fileName, fields: fields);
        var response = await admin.PostAsync("/api/v1/admin/media", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(201), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The files the local store holds for an item (its folder under the run's media folder).</summary>
    public static string[] StoredFiles(Guid id)
    {
        var folder = Path.Combine(TestDatabase.MediaFolder, "media", id.ToString("N"));
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)] : [];
    }

    /// <summary>Every file under the run's media folder, to show that a refused upload stored nothing.</summary>
    public static int AllStoredFiles() =>
        Directory.Exists(TestDatabase.MediaFolder) ? Directory.GetFiles(TestDatabase.MediaFolder, "*", SearchOption.AllDirectories).Length : 0;
}
