using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.Organisations;

public static class OrganisationEndpoints
{
    public static IEndpointRouteBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapManagementGroup("/api/v1/admin/organisations", "Organisations (management)");

        admin.MapGet("/", ListOrganisations.HandleAsync).WithName(nameof(ListOrganisations))
            .WithSummary("List organisations")
            .WithDescription("Every organisation by name, 100 to a page by default. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesValidationProblem();
        admin.MapGet("/{id:guid}", GetOrganisation.HandleAsync).WithName(nameof(GetOrganisation))
            .WithSummary("Get an organisation")
            .WithDescription("Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/", CreateOrganisation.HandleAsync).WithName(nameof(CreateOrganisation))
            .WithSummary("Create an organisation")
            .WithDescription("Names are unique (409 on a duplicate); `parentId` must name an existing organisation. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPut("/{id:guid}", UpdateOrganisation.HandleAsync).WithName(nameof(UpdateOrganisation))
            .WithSummary("Replace an organisation's fields")
            .WithDescription("A parent that is the organisation itself or one of its descendants is a 400. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/{id:guid}", DeleteOrganisation.HandleAsync).WithName(nameof(DeleteOrganisation))
            .WithSummary("Delete an organisation")
            .WithDescription("Refused with 409, naming the references, while events, positions or child organisations still point at it. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
