using KhoaGiao.Api.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Documents conditional reads on the delivery <c>GET</c> operations (see <see cref="DeliveryETagMiddleware"/>): the
/// <c>If-None-Match</c> header, the 304 it can bring, and the <c>ETag</c> and <c>Cache-Control</c> headers of a 200.
/// </summary>
public sealed class ConditionalGetOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!HttpMethods.IsGet(context.ApiDescription.HttpMethod ?? "")
            || !context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<DeliveryEndpointMetadata>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-None-Match",
            In = ParameterLocation.Header,
            Required = false,
            Description = "The `ETag` of the copy you hold: 304 with no body while it is still what would be served. Ignored with credentials or `preview`.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1024 },
        });

        operation.Responses ??= [];
        operation.Responses["304"] = new OpenApiResponse
        {
            Description = "Not Modified: the `If-None-Match` ETag is still current; no body.",
        };
        var immutable = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ImmutableEndpointMetadata>().Any();
        if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse file && immutable)
        {
            file.Headers ??= new Dictionary<string, IOpenApiHeader>();
            file.Headers["ETag"] = new OpenApiHeader
            {
                Description = "Strong validator of this file, which never changes; send it back as `If-None-Match`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64 },
            };
            file.Headers["Cache-Control"] = new OpenApiHeader
            {
                Description = $"`{ImmutableEndpointMetadata.CacheControl}`: the URL never names other bytes.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
            };

            // A file is never larger than the largest upload setting allows (Media:MaxUploadBytes) by much; bound it there.
            foreach (var content in operation.Responses.Values.SelectMany(r => r.Content?.Values ?? []))
            {
                if (content.Schema is OpenApiSchema { Format: "binary" } binary)
                {
                    binary.MaxLength = 512 * 1024 * 1024;
                }
            }
        }
        else if (operation.Responses.TryGetValue("200", out ok) && ok is OpenApiResponse success)
        {
            success.Headers ??= new Dictionary<string, IOpenApiHeader>();
            success.Headers["ETag"] = new OpenApiHeader
            {
                Description = "Strong validator of this representation (absent with credentials or `preview`); send it back as `If-None-Match`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 32 },
            };
            success.Headers["Cache-Control"] = new OpenApiHeader
            {
                Description = "`public, max-age=60, stale-while-revalidate=300` for anonymous reads (statistics: 10 s); `no-store` with credentials or `preview`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
            };
        }
    }
}
