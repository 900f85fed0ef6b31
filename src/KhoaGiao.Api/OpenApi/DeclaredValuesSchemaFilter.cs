using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Applies <see cref="ValuesFromAttribute"/>, <see cref="MostItemsAttribute"/> and <see cref="LongestAttribute"/> to a
/// field's or parameter's schema.
/// </summary>
public sealed class DeclaredValuesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        var provider = (ICustomAttributeProvider?)context.MemberInfo ?? context.ParameterInfo;
        if (provider is null)
        {
            return;
        }

        var target = concrete.Items as OpenApiSchema ?? concrete;
        if (provider.GetCustomAttributes(typeof(ValuesFromAttribute), false).FirstOrDefault() is ValuesFromAttribute values)
        {
            target.Enum = [.. values.Values.Select(v => (JsonNode)JsonValue.Create(v))];
            if (concrete.Items is not null)
            {
                // Each value at most once.
                concrete.MaxItems = values.Values.Count;
            }
        }

        if (provider.GetCustomAttributes(typeof(MostItemsAttribute), false).FirstOrDefault() is MostItemsAttribute most)
        {
            concrete.MaxItems = most.Max;
        }

        if (provider.GetCustomAttributes(typeof(LongestAttribute), false).FirstOrDefault() is LongestAttribute longest)
        {
            target.MaxLength = longest.Length;
        }
    }
}
