using System.Text;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Data.Demo;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// Swagger UI is a newcomer's first tool: "Try it out" fills each operation from the document's examples and sends
/// it. Against the demo content, every operation whose examples Swagger UI can send as they stand (no placeholder id
/// in the path, no required header such as If-Match) must answer one of its documented successes. The request is built as Swagger UI builds it: each parameter's
/// example, and a body assembled from the schema's property examples (a property without one gets Swagger UI's
/// placeholder for its type).
/// </summary>
public sealed class DocumentedExamplesTests : ApiTest
{
    /// <summary>Operations that need a particular caller or state no example can give, and why.</summary>
    private static readonly IReadOnlyDictionary<string, string> NeedsMore = new Dictionary<string, string>
    {
        ["Logout"] = "signs out the staff account of a bearer token, so it needs one from Login first",
        ["RefreshToken"] = "needs the refresh token a Login just returned",
        ["GetCurrentIdentity"] = "answers for whoever calls; run with any credential",
        ["UploadMedia"] = "takes a photo in a multipart form: Swagger UI asks for the file, which no example can hold",
        ["CreateWebhook"] = "the example's receiver is on the internet: the service resolves its name before saving, and tests have no DNS",
    };

    [Test]
    public async Task Every_runnable_example_answers_its_documented_success_on_the_demo_content()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoContentSeeder>().SeedAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<DemoUserSeeder>().SeedAsync();
        }

        using var admin = Admin();
        var document = JsonNode.Parse(await admin.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var failures = new List<string>();
        var ran = 0;
        foreach (var (path, item) in document["paths"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // Reads first, so they see the demo content before any write changes it.
            foreach (var (method, operationNode) in item!.AsObject().OrderBy(o => o.Key == "get" ? 0 : 1))
            {
                var operation = operationNode!.AsObject();
                var name = operation["operationId"]!.GetValue<string>();
                if (NeedsMore.ContainsKey(name) || Request(path, operation, schemas) is not { } request)
                {
                    continue;
                }

                ran++;
                using var message = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), request.Uri);
                if (request.Body is { } body)
                {
                    message.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                }

                var response = await admin.SendAsync(message);
                var successes = operation["responses"]!.AsObject().Select(r => r.Key).Where(s => s.StartsWith('2')).ToList();
                if (!successes.Contains(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    var text = await response.Content.ReadAsStringAsync();
                    failures.Add($"{name}: {method.ToUpperInvariant()} {request.Uri} {request.Body?.ToJsonString()} → {(int)response.StatusCode}, documented {string.Join('/', successes)}: {text[..Math.Min(text.Length, 300)]}");
                }
            }
        }

        Assert.That(ran, Is.GreaterThanOrEqualTo(25), "operations whose examples can be sent as they stand");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    private sealed record ExampleRequest(string Uri, JsonNode? Body);

    /// <summary>The request Swagger UI sends for the operation's examples, or null when a path parameter has only a placeholder.</summary>
    private static ExampleRequest? Request(string path, JsonObject operation, JsonObject schemas)
    {
        var query = new List<string>();
        foreach (var parameter in operation["parameters"]?.AsArray().Select(p => p!.AsObject()) ?? [])
        {
            var example = parameter["example"] ?? parameter["schema"]?["example"];
            var location = parameter["in"]!.GetValue<string>();
            var parameterName = parameter["name"]!.GetValue<string>();
            if (location == "path")
            {
                // A uuid example is a placeholder: no demo item has it.
                if (example is null || parameter["schema"]?["format"]?.GetValue<string>() == "uuid")
                {
                    return null;
                }

                path = path.Replace($"{{{parameterName}}}", Uri.EscapeDataString(Text(example)), StringComparison.Ordinal);
            }
            else if (location == "query" && example is not null)
            {
                query.Add($"{parameterName}={Uri.EscapeDataString(Text(example))}");
            }
            else if (location == "header" && parameter["required"]?.GetValue<bool>() == true)
            {
                return null;
            }
        }

        var body = operation["requestBody"]?["content"]?["application/json"] is { } media
            ? media["example"]?.DeepClone() ?? Example(media["schema"]!, schemas)
            : null;
        return new ExampleRequest(query.Count == 0 ? path : $"{path}?{string.Join('&', query)}", body);
    }

    private static string Text(JsonNode example) =>
        example.GetValueKind() == System.Text.Json.JsonValueKind.String ? example.GetValue<string>() : example.ToJsonString();

    /// <summary>Swagger UI's sample of a schema: its example, else one built from its properties' examples and type placeholders.</summary>
    private static JsonNode? Example(JsonNode schema, JsonObject schemas)
    {
        if (schema["$ref"] is { } reference)
        {
            return Example(schemas[reference.GetValue<string>().Split('/')[^1]]!, schemas);
        }

        if (schema.AsObject().ContainsKey("example"))
        {
            return schema["example"]?.DeepClone();
        }

        if (schema["allOf"] is JsonArray all)
        {
            return Example(all[0]!, schemas);
        }

        if (schema["enum"] is JsonArray values)
        {
            return values[0]?.DeepClone();
        }

        return schema["type"]?.GetValue<string>() switch
        {
            "object" => new JsonObject(schema["properties"]?.AsObject().Select(p =>
                KeyValuePair.Create(p.Key, Example(p.Value!, schemas))) ?? []),
            "array" => new JsonArray(Example(schema["items"]!, schemas)),
            "integer" or "number" => 0,
            "boolean" => true,
            "string" => schema["format"]?.GetValue<string>() switch
            {
                "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "date-time" => "2023-08-16T14:00:00+07:00",
                "date" => "2023-08-16",
                _ => "string",
            },
            _ => null,
        };
    }
}
