using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

public static class GetEvent
{
    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> HandleAsync(
        [OpenApi.Longest(Text.SlugGenerator.MaxLength)] string idOrSlug, KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var item = await EventQueries.ResponseAsync(
            db, mapper, db.Events.AsNoTracking().WherePublished().WhereIdOrSlug(idOrSlug), clock.GetUtcNow(), cancellationToken);
        if (item is null)
        {
            return EventProblems.NotFound(idOrSlug);
        }

        LastModified.Set(httpContext, item.UpdatedAt);
        return TypedResults.Ok(item);
    }
}
