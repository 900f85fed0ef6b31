using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Headers every response of an operation may carry: <c>Access-Control-Allow-Origin</c> (CORS) on all of them, and
/// on the rate-limited routes (management API, sign-in) the caller's standing in its window
/// (<see cref="RateLimitWindows"/>) on every 2xx and 4xx.
/// </summary>
public sealed class ResponseHeadersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var limited = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any();
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers["Access-Control-Allow-Origin"] = new OpenApiHeader
            {
                Description = "On cross-origin requests (with an `Origin` header): `*` on the delivery API; on the management API and sign-in, the origin itself when `Http:ManagementCorsOrigins` lists it.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2048 },
            };
            if (limited && status.Length == 3 && status[0] is '2' or '4')
            {
                concrete.Headers["RateLimit-Limit"] = Integer("Requests the caller may make in the current one-minute window.", 1, 1_000_000);
                concrete.Headers["RateLimit-Remaining"] = Integer("Requests left in the current window.", 0, 1_000_000);
                concrete.Headers["RateLimit-Reset"] = Integer("Seconds until the window starts again.", 1, 60);
            }
        }
    }

    private static OpenApiHeader Integer(string description, int minimum, int maximum) => new()
    {
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
