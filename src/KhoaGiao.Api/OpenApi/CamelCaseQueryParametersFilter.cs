using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Names query parameters bound from <c>[AsParameters]</c> records as clients send them (<c>limit</c>, not
/// <c>Limit</c>); binding is case-insensitive, the document should match the JSON's camelCase.
/// </summary>
public sealed class CamelCaseQueryParametersFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { } name)
            {
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
            }
        }
    }
}
