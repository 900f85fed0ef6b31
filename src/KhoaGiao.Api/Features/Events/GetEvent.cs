using AutoMapper;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

public static class GetEvent
{
    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        string idOrSlug, KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        var item = await EventQueries.ResponseAsync(
            db, mapper, db.Events.AsNoTracking().WherePublished().WhereIdOrSlug(idOrSlug), clock.GetUtcNow(), cancellationToken);
        return item is null ? EventProblems.NotFound(idOrSlug) : TypedResults.Ok(item);
    }
}
