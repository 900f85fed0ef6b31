using System.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Marks every property of a response schema <c>required</c>: the service writes null values rather than leaving
/// properties out (<c>JsonIgnoreCondition.Never</c>), so a strict client may rely on each being there, null only where
/// the schema says <c>nullable</c>. Request schemas keep only what a request must send.
/// </summary>
public sealed class ResponsePropertiesRequiredSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || !IsResponse(context.Type))
        {
            return;
        }

        concrete.Required = new SortedSet<string>(concrete.Properties.Keys, StringComparer.Ordinal);
    }

    private static bool IsResponse(Type type) =>
        type.Assembly == typeof(Program).Assembly
        && (type.Name.Split('`')[0].EndsWith("Response", StringComparison.Ordinal) || type.GetCustomAttribute<SentWholeAttribute>() is not null);
}
