using System.Text.Json.Nodes;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>One operation of the committed OpenAPI document (path and method), as the fuzz test reads it.</summary>
public sealed record FuzzOperation(
    string Id,
    HttpMethod Method,
    string Path,
    IReadOnlyList<FuzzOperation.Parameter> Parameters,
    FuzzOperation.RequestBody? Body,
    JsonObject Responses)
{
    /// <summary>A path, query or header parameter.</summary>
    public sealed record Parameter(string Name, string In, bool Required, JsonObject Schema, JsonNode? Example);

    /// <summary>The JSON request body.</summary>
    public sealed record RequestBody(bool Required, string MediaType, JsonObject Schema);

    public static IReadOnlyList<FuzzOperation> AllIn(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(method => method.Key != "parameters")
                .Select(method => Of(path.Key, method.Key, path.Value!["parameters"] as JsonArray, method.Value!.AsObject())))
            .ToList();

    /// <summary>The response the document declares for this status: exact, then a range (<c>4XX</c>), then <c>default</c>.</summary>
    public JsonObject? ResponseFor(int status) =>
        (Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            ?? Responses[$"{status / 100}XX"]
            ?? Responses["default"]) as JsonObject;

    /// <summary>The resource a path parameter names: the segment before it (<c>articles</c> for <c>/articles/{id}</c>).</summary>
    public string? ResourceOf(string parameter)
    {
        var segments = Path.Split('/');
        var index = Array.IndexOf(segments, "{" + parameter + "}");
        return index > 0 ? segments[index - 1] : null;
    }

    public override string ToString() => $"{Id} ({Method} {Path})";

    private static FuzzOperation Of(string path, string method, JsonArray? shared, JsonObject operation)
    {
        var parameters = (shared ?? []).Concat(operation["parameters"] as JsonArray ?? [])
            .Select(p => p!.AsObject())
            .Select(p => new Parameter(
                p["name"]!.GetValue<string>(),
                p["in"]!.GetValue<string>(),
                p["required"]?.GetValue<bool>() ?? false,
                p["schema"] as JsonObject ?? [],
                p["example"]))
            .ToList();

        RequestBody? body = null;
        if (operation["requestBody"] is JsonObject requestBody
            && requestBody["content"]!.AsObject().FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)) is
                { Key: { } mediaType, Value: { } content })
        {
            body = new RequestBody(requestBody["required"]?.GetValue<bool>() ?? false, mediaType, content["schema"] as JsonObject ?? []);
        }

        return new FuzzOperation(
            operation["operationId"]!.GetValue<string>(),
            new HttpMethod(method.ToUpperInvariant()),
            path,
            parameters,
            body,
            operation["responses"]!.AsObject());
    }
}
