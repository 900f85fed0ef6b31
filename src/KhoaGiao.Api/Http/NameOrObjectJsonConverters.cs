using System.Text.Json;
using System.Text.Json.Serialization;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Names of categories and tags, read as strings or as the objects a GET returns (<c>{ "id", "slug", "name" }</c>,
/// whose <c>name</c> is taken), so an article an editor read can be sent back as it came. Written as strings.
/// </summary>
public static class NameOrObjectJsonConverters
{
    private static string ReadName(ref Utf8JsonReader reader, string within = "")
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString()!;
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                return name.GetString()!;
            }
        }

        throw new ExplainedJsonException(
            "phải là một chuỗi (tên), hoặc một đối tượng có trường name như bản GET trả về.",
            "must be a string (the name), or an object with a name as a GET returns it.") { Within = within };
    }

    /// <summary>One name: <c>"Hoạt động khoa giáo"</c> or <c>{ "name": "Hoạt động khoa giáo", … }</c>.</summary>
    public sealed class Single : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadName(ref reader);

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>A list of names, each a string or an object with a <c>name</c>.</summary>
    public sealed class List : JsonConverter<IReadOnlyList<string>>
    {
        public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new ExplainedJsonException(
                    "phải là một mảng các tên (chuỗi, hoặc đối tượng có trường name).",
                    "must be an array of names (strings, or objects with a name).");
            }

            var names = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                names.Add(ReadName(ref reader, $"[{names.Count}]"));
            }

            return names;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var name in value)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
        }
    }
}
