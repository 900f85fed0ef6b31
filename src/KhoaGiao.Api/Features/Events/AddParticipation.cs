using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

public static class AddParticipation
{
    public static async Task<Results<Created<ParticipationResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, ParticipationRequest request, KhoaGiaoDbContext db, ChangeLog changes, ParticipationEditor editor, IMapper mapper,
        HttpContext httpContext, CancellationToken cancellationToken)
    {
        // The event's row is locked while its participations are counted and one is added, so two adds at once
        // cannot both pass the cap.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM events WHERE id = {id} FOR UPDATE", cancellationToken);
        var entity = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null)
        {
            return EventProblems.NotFound(id);
        }

        if (await db.Participations.CountAsync(x => x.EventId == id, cancellationToken) >= Event.MaxParticipations)
        {
            return EventProblems.TooManyParticipations();
        }

        if (httpContext.User.PublishedEventProblem(entity) is { } forbidden)
        {
            return forbidden;
        }

        var participation = new Participation { EventId = id };
        if (await editor.ApplyAsync(entity, participation, request, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.Participations.Add(participation);
        await changes.SaveAsync([ChangedItem.Event(id), ChangedItem.Person(participation.PersonId)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var response = await db.Participations.AsNoTracking().Where(p => p.Id == participation.Id)
            .ProjectTo<ParticipationResponse>(mapper.ConfigurationProvider)
            .SingleAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/admin/events/{id}/participations/{participation.Id}", response);
    }
}
