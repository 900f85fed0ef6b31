using System.Text.Json.Nodes;
using KhoaGiao.Api.Features.Idempotency;
using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Documents <c>Idempotency-Key</c> on every management POST (the routes <see cref="IdempotencyMiddleware"/> serves):
/// the optional header, the 400, 409 and 422 it can lead to, and the <c>Idempotent-Replayed</c> header of a replay.
/// </summary>
public sealed class IdempotencyKeyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var description = context.ApiDescription;
        if (!HttpMethods.IsPost(description.HttpMethod ?? "") || description.RelativePath?.StartsWith("api/v1/admin/", StringComparison.Ordinal) != true)
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyMiddleware.KeyHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = $"""
                Makes the request safe to retry. The first response to a request with this key is kept (for
                `Idempotency:RetentionHours`, 24 by default) and replayed, with `{IdempotencyMiddleware.ReplayedHeader}: true`, to a
                retry of the same request (method, path, query and body, byte for byte) from the same caller; keys
                of different callers never meet. The same key with a different request is 422; a retry while the
                first request is still running is 409. Server errors, 429 and 400 are not kept, so the request can
                be retried (or corrected) under the same key. 1–{IdempotencyRecordConfiguration.KeyMaxLength} printable ASCII characters, else 400: a new
                UUID per operation is a good choice.
                """,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyRecordConfiguration.KeyMaxLength },
            Example = JsonValue.Create("0199a6c2-7f3e-7a41-b2c5-9d8e7f6a5b4c"),
        });

        operation.Responses ??= [];
        foreach (var (status, response) in operation.Responses)
        {
            if (status.StartsWith('2') && response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers[IdempotencyMiddleware.ReplayedHeader] = new OpenApiHeader
                {
                    Description = "`true` when this is the kept response of an earlier request with the same `Idempotency-Key`; absent otherwise.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
                };
            }
        }

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        foreach (var status in new[] { StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity })
        {
            operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
            {
                Description = ReasonPhrases.GetReasonPhrase(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = problem },
                },
            });
        }
    }
}
