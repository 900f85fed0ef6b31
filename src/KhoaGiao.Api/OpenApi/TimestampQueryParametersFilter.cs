using System.Text.Json.Nodes;
using KhoaGiao.Api.Time;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Describes <see cref="VietnamTimestamp"/> query parameters (<c>from</c>, <c>to</c>): ASP.NET Core reports them as
/// plain strings, without the schema's format or the property's documentation.
/// </summary>
public sealed class TimestampQueryParametersFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var timestamps = context.ApiDescription.ParameterDescriptions
            .Where(p => p.Type == typeof(VietnamTimestamp) || p.Type == typeof(VietnamTimestamp?))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In != ParameterLocation.Query || parameter.Name is not { } name || !timestamps.Contains(name))
            {
                continue;
            }

            var bound = name.Equals("to", StringComparison.OrdinalIgnoreCase) ? "Before" : "At or after";
            parameter.Description = $"{bound} this instant. With an offset or Z it is that instant; without one (a date, or a date and time) it is read as Asia/Ho_Chi_Minh time.";
            // A date (2023-08-16), or a timestamp with or without an offset (2023-08-16T14:00:00.1234567+07:00).
            parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 33 };
            parameter.Example = JsonValue.Create(name.Equals("to", StringComparison.OrdinalIgnoreCase) ? "2023-09-01" : "2023-08-01");
        }
    }
}
