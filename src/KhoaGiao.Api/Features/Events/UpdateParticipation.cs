using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

public static class UpdateParticipation
{
    public static async Task<Results<Ok<ParticipationResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, Guid participationId, ParticipationRequest request, KhoaGiaoDbContext db, ChangeLog changes, ParticipationEditor editor,
        IMapper mapper, HttpContext httpContext, CancellationToken cancellationToken)
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

        var participation = await db.Participations.FirstOrDefaultAsync(p => p.Id == participationId && p.EventId == id, cancellationToken);
        if (participation is null)
        {
            return EventProblems.ParticipationNotFound(participationId);
        }

        var formerPersonId = participation.PersonId;
        if (await editor.ApplyAsync(entity, participation, request, cancellationToken) is { } problem)
        {
            return problem;
        }

        await changes.SaveAsync([ChangedItem.Event(id), ChangedItem.Person(formerPersonId), ChangedItem.Person(participation.PersonId)], cancellationToken);
        return TypedResults.Ok(await db.Participations.AsNoTracking().Where(p => p.Id == participationId)
            .ProjectTo<ParticipationResponse>(mapper.ConfigurationProvider)
            .SingleAsync(cancellationToken));
    }
}
