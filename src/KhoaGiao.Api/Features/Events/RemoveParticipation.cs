using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

public static class RemoveParticipation
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, Guid participationId, KhoaGiaoDbContext db, CancellationToken cancellationToken)
    {
        var removed = await db.Participations.Where(p => p.Id == participationId && p.EventId == id)
            .ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? EventProblems.ParticipationNotFound(participationId) : TypedResults.NoContent();
    }
}
