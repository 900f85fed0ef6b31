using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

/// <summary>Publishes and unpublishes events: the two differ only in the status they set.</summary>
public static class EventPublication
{
    public static Task<Results<Ok<AdminEventResponse>, ProblemHttpResult>> PublishAsync(
        Guid id, KhoaGiaoDbContext db, ChangeLog changes, IMapper mapper, TimeProvider clock, HttpContext httpContext, CancellationToken cancellationToken) =>
        SetAsync(id, publish: true, db, changes, mapper, clock, httpContext, cancellationToken);

    public static Task<Results<Ok<AdminEventResponse>, ProblemHttpResult>> UnpublishAsync(
        Guid id, KhoaGiaoDbContext db, ChangeLog changes, IMapper mapper, TimeProvider clock, HttpContext httpContext, CancellationToken cancellationToken) =>
        SetAsync(id, publish: false, db, changes, mapper, clock, httpContext, cancellationToken);

    private static async Task<Results<Ok<AdminEventResponse>, ProblemHttpResult>> SetAsync(
        Guid id, bool publish, KhoaGiaoDbContext db, ChangeLog changes, IMapper mapper, TimeProvider clock, HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var entity = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null)
        {
            return EventProblems.NotFound(id);
        }

        if (!db.MatchesIfMatch(entity, e => e.Version, httpContext))
        {
            return ProblemResults.PreconditionFailed();
        }

        if (publish)
        {
            entity.Publish(clock.GetUtcNow());
        }
        else
        {
            entity.Unpublish(clock.GetUtcNow());
        }

        await changes.SaveAsync([ChangedItem.Event(entity.Id)], cancellationToken);
        var response = (await EventQueries.AdminResponseAsync(db, mapper, id, cancellationToken))!;
        ETags.Set(httpContext, response.Version);
        return TypedResults.Ok(response);
    }
}
