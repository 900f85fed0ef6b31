using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KhoaGiao.Api.Tests.Deploy;

/// <summary>
/// YAML read into <see cref="JsonNode"/>s, to walk with indexers: mappings become objects, sequences arrays, and every
/// scalar a string, as written (<c>8080</c> is <c>"8080"</c>). Merge keys (<c>&lt;&lt;: *anchor</c>) are resolved.
/// </summary>
public static class YamlDocuments
{
    /// <summary>Every document of <paramref name="yaml"/> (a multi-document stream, such as kustomize's output).</summary>
    public static List<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(yaml))));
        return stream.Documents
            .Select(document => ToJson(document.RootNode))
            .OfType<JsonObject>()
            .ToList();
    }

    /// <summary>The string at <paramref name="node"/>, or null when it is missing or not a scalar.</summary>
    public static string? Text(this JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The mapping at <paramref name="node"/> as name/value pairs of its scalars (labels, selectors, env).</summary>
    public static Dictionary<string, string?> Pairs(this JsonNode? node) =>
        node is JsonObject map ? map.ToDictionary(p => p.Key, p => p.Value.Text()) : [];

    /// <summary>The items of the sequence at <paramref name="node"/>; none when it is missing.</summary>
    public static IEnumerable<JsonNode> Items(this JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonNode>() : [];

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? "", ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Value: { } value } => JsonValue.Create(value),
        _ => null,
    };
}
