using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

public static class GetEvent
{
    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        string idOrSlug, KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        var item = await db.Events.AsNoTracking().WherePublished().WhereIdOrSlug(idOrSlug)
            .ProjectTo<EventListItemResponse>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return EventProblems.NotFound(idOrSlug);
        }

        var participations = await EventQueries.ParticipationsAsync(db, mapper, item.Id, cancellationToken);
        return TypedResults.Ok(new EventResponse(item)
        {
            Participants = EventQueries.GroupByRole(participations),
            Articles = await EventQueries.ArticlesAsync(db, mapper, item.Id, clock.GetUtcNow(), cancellationToken),
        });
    }
}
