using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

public static class RemoveParticipation
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, Guid participationId, KhoaGiaoDbContext db, ChangeLog changes, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var entity = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null)
        {
            return EventProblems.NotFound(id);
        }

        if (httpContext.User.PublishedEventProblem(entity) is { } forbidden)
        {
            return forbidden;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var personId = await db.Participations.Where(p => p.Id == participationId && p.EventId == id)
            .Select(p => (Guid?)p.PersonId).FirstOrDefaultAsync(cancellationToken);
        var removed = await db.Participations.Where(p => p.Id == participationId && p.EventId == id)
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return EventProblems.ParticipationNotFound(participationId);
        }

        await changes.RecordAsync([ChangedItem.Event(id), ChangedItem.Person(personId)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
