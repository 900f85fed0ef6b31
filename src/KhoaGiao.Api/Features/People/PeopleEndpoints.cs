using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.People;

public static class PeopleEndpoints
{
    public static IEndpointRouteBuilder MapPeopleEndpoints(this IEndpointRouteBuilder app)
    {
        var delivery = app.MapDeliveryGroup("/api/v1/people", "People");
        delivery.MapGet("/", ListPeople.HandleAsync).WithName(nameof(ListPeople))
            .WithSummary("Find people")
            .WithDescription("People who took part in published events, by name. `q`: the words of the name in any order, whole (the last also as a start), whatever the case, marks, đ/d and i/y (`thuy le van` finds \"Lê Văn Thủy\", `hoa` finds \"Hòa\" and \"Hoà\").")
            .ProducesValidationProblem();
        delivery.MapGet("/{id:guid}", GetPerson.HandleAsync).WithName(nameof(GetPerson))
            .WithSummary("Get a person")
            .WithDescription("Positions over time (current first) and the published events attended, newest first, each with the roles taken and the title printed at the time.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var admin = app.MapManagementGroup("/api/v1/admin/people", "People (management)");
        admin.MapGet("/", AdminListPeople.HandleAsync).WithName(nameof(AdminListPeople))
            .WithSummary("Find people, including those not yet at a published event")
            .WithDescription("Same search as the delivery list. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesValidationProblem();
        admin.MapGet("/{id:guid}", AdminGetPerson.HandleAsync).WithName(nameof(AdminGetPerson))
            .WithSummary("Get a person with all events")
            .WithDescription("Events of any status. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/", CreatePerson.HandleAsync).WithName(nameof(CreatePerson))
            .WithSummary("Create a person")
            .WithDescription("With positions over time; an unknown `organisationId` is a 400. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem();
        admin.MapPut("/{id:guid}", UpdatePerson.HandleAsync).WithName(nameof(UpdatePerson))
            .WithSummary("Replace a person's name and positions")
            .WithDescription("Titles already printed at events are kept as they were. An organisation deleted while the request ran is 409. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/{id:guid}", DeletePerson.HandleAsync).WithName(nameof(DeletePerson))
            .WithSummary("Delete a person")
            .WithDescription("Refused with 409, naming the events, while the person takes part in any. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id:guid}/merge", MergePeople.HandleAsync).WithName(nameof(MergePeople))
            .WithSummary("Merge a duplicate person into this one")
            .WithDescription("Moves the duplicate's participations and positions here and deletes the duplicate, in one transaction. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
