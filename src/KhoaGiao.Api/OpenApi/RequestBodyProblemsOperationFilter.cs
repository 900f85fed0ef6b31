using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// Documents the problems any operation that reads a JSON body can answer before its handler runs: 413 for a body over
/// the size limit (<see cref="Http.RequestSizeLimitMiddleware"/>) and 415 for a body that is not <c>application/json</c>.
/// </summary>
public sealed class RequestBodyProblemsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody is null)
        {
            return;
        }

        operation.Responses ??= [];
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        foreach (var status in new[] { StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType })
        {
            operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
            {
                // RFC 9110 §15.5.14 renamed 413 "Content Too Large"; the framework's own metadata says so too.
                Description = status == StatusCodes.Status413PayloadTooLarge ? "Content Too Large" : ReasonPhrases.GetReasonPhrase(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = problem },
                },
            });
        }
    }
}
