using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>Gives the RFC 9457 problem schemas an example, as served (Vietnamese by default).</summary>
public sealed class ProblemExamplesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if (context.Type == typeof(HttpValidationProblemDetails))
        {
            concrete.Example = new JsonObject
            {
                ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                ["title"] = "Dữ liệu không hợp lệ",
                ["status"] = 400,
                ["errors"] = new JsonObject { ["title"] = new JsonArray("'title' không được để trống.") },
                ["instance"] = "/api/v1/admin/articles",
                ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            };
        }
        else if (context.Type == typeof(ProblemDetails))
        {
            concrete.Example = new JsonObject
            {
                ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
                ["title"] = "Không tìm thấy",
                ["status"] = 404,
                ["detail"] = "Không có bài viết 'bai-khong-ton-tai'.",
                ["instance"] = "/api/v1/articles/bai-khong-ton-tai",
                ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            };
        }
    }
}
