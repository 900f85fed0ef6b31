using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.Events;

public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var delivery = app.MapDeliveryGroup("/api/v1/events", "Events");
        delivery.MapGet("/", ListEvents.HandleAsync).WithName(nameof(ListEvents))
            .WithSummary("List published events")
            .WithDescription("A calendar: `when=upcoming` (soonest first) or `when=past` (latest first; also the default order), filtered by `kind`, start time and `organiser`, keyset-paged.")
            .ProducesValidationProblem();
        delivery.MapGet("/{idOrSlug}", GetEvent.HandleAsync).WithName(nameof(GetEvent))
            .WithSummary("Get a published event")
            .WithDescription("By id or slug: the event, its participants grouped by role (chủ trì, phát biểu chỉ đạo, tham luận, phát biểu kết luận, dự) in display order with the titles printed at the event, and the published articles that report it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var admin = app.MapManagementGroup("/api/v1/admin/events", "Events (management)");
        admin.MapGet("/", AdminListEvents.HandleAsync).WithName(nameof(AdminListEvents))
            .WithSummary("List events in any status")
            .WithDescription("The delivery filters plus `status`. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesValidationProblem();
        admin.MapGet("/{id:guid}", AdminGetEvent.HandleAsync).WithName(nameof(AdminGetEvent))
            .WithSummary("Get an event in any status")
            .WithDescription("With its participations and the `ETag` to send as `If-Match`. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/", CreateEvent.HandleAsync).WithName(nameof(CreateEvent))
            .WithSummary("Create a draft event")
            .WithDescription("The slug comes from the title unless given (a given slug in use is 409); an unknown `organiserId` is a 400. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPut("/{id:guid}", UpdateEvent.HandleAsync).WithName(nameof(UpdateEvent))
            .WithSummary("Replace an event's fields")
            .WithDescription("Send `If-Match` with the ETag to avoid overwriting another editor's change (412 when stale). Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        admin.MapDelete("/{id:guid}", DeleteEvent.HandleAsync).WithName(nameof(DeleteEvent))
            .WithSummary("Delete an event")
            .WithDescription("Removes its participations too; refused with 409, naming them, while articles report the event. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        admin.MapPost("/{id:guid}/publish", EventPublication.PublishAsync).WithName("PublishEvent")
            .WithSummary("Publish an event")
            .WithDescription("Makes the event, and its participants, visible in the delivery API. Needs `content:publish`.")
            .RequireAuthorization(Scopes.ContentPublish)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        admin.MapPost("/{id:guid}/unpublish", EventPublication.UnpublishAsync).WithName("UnpublishEvent")
            .WithSummary("Unpublish an event")
            .WithDescription("Back to draft: the delivery API answers 404 for it. Needs `content:publish`.")
            .RequireAuthorization(Scopes.ContentPublish)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        admin.MapPost("/{id:guid}/participations", AddParticipation.HandleAsync).WithName(nameof(AddParticipation))
            .WithSummary("Add a participant in a role")
            .WithDescription("One person, one role; a second role is a second participation. Without `titleAtEvent` the title is taken from the person's position on the event's date. An event holds at most 500 participations (409). Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPut("/{id:guid}/participations/{participationId:guid}", UpdateParticipation.HandleAsync).WithName(nameof(UpdateParticipation))
            .WithSummary("Change a participation")
            .WithDescription("Person, role, printed title and display order. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/{id:guid}/participations/{participationId:guid}", RemoveParticipation.HandleAsync).WithName(nameof(RemoveParticipation))
            .WithSummary("Remove a participation")
            .WithDescription("Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
