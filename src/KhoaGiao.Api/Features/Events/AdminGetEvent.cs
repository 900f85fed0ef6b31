using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Events;

public static class AdminGetEvent
{
    public static async Task<Results<Ok<AdminEventResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, IMapper mapper, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var response = await EventQueries.AdminResponseAsync(db, mapper, id, cancellationToken);
        if (response is null)
        {
            return EventProblems.NotFound(id);
        }

        ETags.Set(httpContext, response.Version);
        return TypedResults.Ok(response);
    }
}
