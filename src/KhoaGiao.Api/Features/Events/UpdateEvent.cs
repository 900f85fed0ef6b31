using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

public static class UpdateEvent
{
    public static async Task<Results<Ok<AdminEventResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, EventRequest request, KhoaGiaoDbContext db, ChangeLog changes, EventEditor editor, IMapper mapper,
        HttpContext httpContext, CancellationToken cancellationToken)
    {
        var entity = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null)
        {
            return EventProblems.NotFound(id);
        }

        if (httpContext.User.PublishedEventProblem(entity) is { } forbidden)
        {
            return forbidden;
        }

        if (!db.MatchesIfMatch(entity, e => e.Version, httpContext))
        {
            return ProblemResults.PreconditionFailed();
        }

        if (await editor.ApplyAsync(entity, request, isNew: false, cancellationToken) is { } problem)
        {
            return problem;
        }

        await changes.SaveAsync([ChangedItem.Event(entity.Id)], cancellationToken);
        var response = (await EventQueries.AdminResponseAsync(db, mapper, id, cancellationToken))!;
        ETags.Set(httpContext, response.Version);
        return TypedResults.Ok(response);
    }
}
