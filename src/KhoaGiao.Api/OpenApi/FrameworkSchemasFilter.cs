using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Bounds for the framework's own response types, which carry no annotations of ours: problem details (RFC 9457,
/// worded by this service) and the sign-in tokens of ASP.NET Core Identity.
/// </summary>
public sealed class FrameworkSchemasFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties } concrete)
        {
            return;
        }

        if (typeof(ProblemDetails).IsAssignableFrom(context.Type))
        {
            Bound(properties, "type", 2048);
            Bound(properties, "title", 300);
            Bound(properties, "detail", 4000);
            // The request's path, cut at 2048 characters (Text.Echo.Path).
            Bound(properties, "instance", 2048);
            if (Find(properties, "status") is OpenApiSchema status)
            {
                (status.Minimum, status.Maximum) = ("100", "599");
            }

            // errors: field path -> messages
            if (Find(properties, "errors") is OpenApiSchema { AdditionalProperties: OpenApiSchema { Items: OpenApiSchema message } messages })
            {
                message.MaxLength = 1000;
                messages.MaxItems = 20;
            }
        }
        else if (context.Type == typeof(AccessTokenResponse))
        {
            concrete.Required = new SortedSet<string>(properties.Keys, StringComparer.Ordinal);
            if (Find(properties, "tokenType") is OpenApiSchema tokenType)
            {
                tokenType.Enum = [JsonValue.Create("Bearer")];
            }

            // Data-protected tickets holding the account's claims: well under a kilobyte or two in practice.
            Bound(properties, "accessToken", 8192);
            Bound(properties, "refreshToken", 8192);
            if (Find(properties, "expiresIn") is OpenApiSchema expiresIn)
            {
                (expiresIn.Minimum, expiresIn.Maximum) = ("0", "31536000");
            }
        }
    }

    private static IOpenApiSchema? Find(IDictionary<string, IOpenApiSchema> properties, string name) =>
        properties.TryGetValue(name, out var schema) ? schema : null;

    private static void Bound(IDictionary<string, IOpenApiSchema> properties, string name, int length)
    {
        if (Find(properties, name) is OpenApiSchema schema)
        {
            schema.MaxLength = length;
        }
    }
}
