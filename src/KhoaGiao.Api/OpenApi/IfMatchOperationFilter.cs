using KhoaGiao.Api.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Documents the <c>If-Match</c> header on the operations that honour it, those that can answer 412 (see
/// <see cref="ETags"/>): their descriptions say whether it is required (428 without it) or optional.
/// </summary>
public sealed class IfMatchOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses?.ContainsKey("412") != true)
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Required = false,
            Description = "The `ETag` of the version this change is based on, as the last read or write returned it (`\"42\"`), or `*` for "
                + "whatever version is current. A version that is no longer current is 412.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1024 },
        });
    }
}
