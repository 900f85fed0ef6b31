using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.ApiKeys;

public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapManagementGroup("/api/v1/admin/api-keys", "API keys (management)");
        admin.RequireAuthorization(Scopes.Admin);

        admin.MapGet("/", ListApiKeys.HandleAsync).WithName(nameof(ListApiKeys))
            .WithSummary("List API keys")
            .WithDescription("All keys, newest first, revoked ones included, 100 to a page by default; secrets are never shown. Needs `admin`.")
            .ProducesValidationProblem();
        admin.MapGet("/{id:guid}", GetApiKey.HandleAsync).WithName(nameof(GetApiKey))
            .WithSummary("Get an API key")
            .WithDescription("One key's name, prefix, scopes, own rate limit and state; never the secret. Needs `admin`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/", CreateApiKey.HandleAsync).WithName(nameof(CreateApiKey))
            .WithSummary("Create an API key")
            .WithDescription("Returns the secret once; only its hash is stored. With `requestsPerMinute` the key gets its own management rate limit instead of the service-wide one. Needs `admin`.")
            .ProducesValidationProblem();
        admin.MapDelete("/{id:guid}", RevokeApiKey.HandleAsync).WithName(nameof(RevokeApiKey))
            .WithSummary("Revoke an API key")
            .WithDescription("The key stops working at once; it stays listed with `revokedAt`. Needs `admin`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
