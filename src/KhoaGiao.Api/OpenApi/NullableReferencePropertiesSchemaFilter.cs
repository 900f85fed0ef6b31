using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Lets a property whose value is another schema be null when its C# type is nullable (<c>ArticleCategoryResponse?
/// Category</c>, <c>EventKind? Kind</c>). The document is OpenAPI 3.0, where keywords beside a <c>$ref</c> are ignored,
/// so a bare reference cannot say so: the reference is wrapped in a one-member <c>allOf</c> that carries
/// <c>nullable: true</c>, the form Swashbuckle's <c>UseAllOfToExtendReferenceSchemas</c> emits and client generators
/// read. Only nullable references are wrapped; the others stay plain <c>$ref</c>s.
/// </summary>
public sealed class NullableReferencePropertiesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete)
        {
            return;
        }

        // Not thread-safe, and cheap: one per schema.
        var nullability = new NullabilityInfoContext();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (concrete.Properties.TryGetValue(name, out var member) && member is OpenApiSchemaReference reference
                && nullability.Create(property).ReadState == NullabilityState.Nullable)
            {
                concrete.Properties[name] = new OpenApiSchema { AllOf = [reference], Type = JsonSchemaType.Null };
            }
        }
    }
}
