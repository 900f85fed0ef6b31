using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

public static class RemoveParticipation
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, Guid participationId, KhoaGiaoDbContext db, HttpContext httpContext, CancellationToken cancellationToken)
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

        var removed = await db.Participations.Where(p => p.Id == participationId && p.EventId == id)
            .ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? EventProblems.ParticipationNotFound(participationId) : TypedResults.NoContent();
    }
}
