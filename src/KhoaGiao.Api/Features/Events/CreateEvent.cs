using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Events;

public static class CreateEvent
{
    public static async Task<Results<Created<AdminEventResponse>, ProblemHttpResult>> HandleAsync(
        EventRequest request, KhoaGiaoDbContext db, ChangeLog changes, EventEditor editor, IMapper mapper, TimeProvider clock,
        HttpContext httpContext, CancellationToken cancellationToken)
    {
        var entity = new Event { Slug = "", Title = "", CreatedAt = clock.GetUtcNow() };
        if (await editor.ApplyAsync(entity, request, isNew: true, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.Events.Add(entity);
        await changes.SaveAsync([ChangedItem.Event(entity.Id)], cancellationToken);
        var response = (await EventQueries.AdminResponseAsync(db, mapper, entity.Id, cancellationToken))!;
        ETags.Set(httpContext, response.Version);
        return TypedResults.Created($"/api/v1/admin/events/{entity.Id}", response);
    }
}
