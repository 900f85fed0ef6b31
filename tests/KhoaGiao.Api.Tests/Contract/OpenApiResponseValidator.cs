using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// Checks a response against what the OpenAPI document declares for its operation: a status the operation lists
/// (exactly, as a range such as <c>4XX</c>, or as <c>default</c>), never a 5xx, the declared content type, and a
/// body that validates against the declared schema. The document's OpenAPI 3.0 schemas are read as JSON Schema
/// 2020-12: <c>nullable: true</c> adds <c>null</c> to the allowed values (also beside an <c>allOf</c>, the form a
/// nullable reference takes in 3.0), <c>$ref</c>s point into the components, formats are asserted (<c>uuid</c>,
/// <c>date-time</c>, <c>date</c>, and the integer ranges of <c>int32</c> and <c>int64</c>).
/// </summary>
public sealed class OpenApiResponseValidator
{
    private const string ComponentsId = "https://khoagiao.test/openapi/components";

    /// <summary>The schema keywords whose value is a schema, or a map or list of schemas; everything else is data.</summary>
    private static readonly HashSet<string> SchemaKeywords = ["items", "not", "additionalProperties"];
    private static readonly HashSet<string> SchemaListKeywords = ["allOf", "anyOf", "oneOf"];

    /// <summary>OpenAPI keywords with no JSON Schema 2020-12 meaning that would affect validation.</summary>
    private static readonly HashSet<string> Dropped = ["nullable", "example", "discriminator", "xml", "externalDocs"];

    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly EvaluationOptions _evaluation;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Lock _building = new();
    private int _built;

    public OpenApiResponseValidator(JsonNode document)
    {
        var definitions = new JsonObject();
        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            definitions[name] = ToJsonSchema(schema!);
        }

        var components = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = ComponentsId,
            ["$defs"] = definitions,
        };
        JsonSchema.Build(JsonSerializer.SerializeToElement(components), _build, new Uri(ComponentsId));

        var formats = new FormatRegistry();
        formats.Register(new PredicateFormat("int32", e => e.ValueKind != JsonValueKind.Number || e.TryGetInt32(out _)));
        formats.Register(new PredicateFormat("int64", e => e.ValueKind != JsonValueKind.Number || e.TryGetInt64(out _)));
        _evaluation = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true, FormatRegistry = formats };
    }

    /// <summary>What is wrong with the response, as a kind (to group by) and a detail; null when it is as declared.</summary>
    public (string Kind, string Detail)? Check(FuzzOperation operation, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return ("server error", $"{status}");
        }

        if (operation.ResponseFor(status) is not { } declared)
        {
            return ($"undeclared status {status}", $"declared: {string.Join(", ", operation.Responses.Select(r => r.Key))}");
        }

        var content = declared["content"] as JsonObject;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (body.Length == 0)
        {
            return content is { Count: > 0 }
                ? ($"{status} without the declared body", $"declared: {string.Join(", ", content.Select(c => c.Key))}")
                : null;
        }

        if (content is not { Count: > 0 })
        {
            return ($"{status} with an undeclared body", $"content type {mediaType}");
        }

        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            return ($"{status} with undeclared content type {mediaType}", $"declared: {string.Join(", ", content.Select(c => c.Key))}");
        }

        if (media["schema"] is not JsonObject schema || !mediaType.Contains("json", StringComparison.Ordinal))
        {
            return null;
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            return ($"{status} body is not JSON", exception.Message);
        }

        using (json)
        {
            var results = SchemaFor(schema).Evaluate(json.RootElement, _evaluation);
            return results.IsValid ? null : ($"{status} body does not match the schema", Errors(results));
        }
    }

    /// <summary>An OpenAPI 3.0 Schema Object as JSON Schema 2020-12.</summary>
    public static JsonNode ToJsonSchema(JsonNode openApi)
    {
        if (openApi is not JsonObject schema)
        {
            return openApi.DeepClone();
        }

        var converted = new JsonObject();
        foreach (var (keyword, value) in schema)
        {
            if (Dropped.Contains(keyword) || value is null)
            {
                continue;
            }

            converted[keyword] = keyword switch
            {
                "$ref" => value.GetValue<string>().Replace("#/components/schemas/", ComponentsId + "#/$defs/", StringComparison.Ordinal),
                "properties" => new JsonObject(value.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)ToJsonSchema(p.Value!)))),
                _ when SchemaKeywords.Contains(keyword) => ToJsonSchema(value),
                _ when SchemaListKeywords.Contains(keyword) => new JsonArray(value.AsArray().Select(s => (JsonNode?)ToJsonSchema(s!)).ToArray()),
                _ => value.DeepClone(),
            };
        }

        if (schema["nullable"]?.GetValue<bool>() != true)
        {
            return converted;
        }

        if (converted["type"] is JsonValue type)
        {
            converted["type"] = new JsonArray(type.GetValue<string>(), "null");
            if (converted["enum"] is JsonArray values && !values.Any(v => v is null))
            {
                values.Add(null);
            }

            return converted;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, converted) };
    }

    private JsonSchema SchemaFor(JsonObject openApi)
    {
        var key = openApi.ToJsonString();
        if (_schemas.TryGetValue(key, out var schema))
        {
            return schema;
        }

        lock (_building)
        {
            return _schemas.GetOrAdd(key, _ =>
            {
                var converted = ToJsonSchema(openApi).AsObject();
                converted["$schema"] = "https://json-schema.org/draft/2020-12/schema";
                var id = new Uri($"https://khoagiao.test/openapi/responses/{++_built}");
                return JsonSchema.Build(JsonSerializer.SerializeToElement(converted), _build, id);
            });
        }
    }

    private static string Errors(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? [])
            .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))
            .Distinct()
            .Take(8)
            .DefaultIfEmpty(string.Create(CultureInfo.InvariantCulture, $"invalid at {results.InstanceLocation}")));
}
