using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

public static class DeleteEvent
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, ChangeLog changes, AuditLog audit, HttpContext httpContext, CancellationToken cancellationToken)
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

        if (!db.MatchesIfMatch(entity, e => e.Version, httpContext))
        {
            return ProblemResults.PreconditionFailed();
        }

        var articles = await db.Articles.Where(a => a.EventId == id).OrderBy(a => a.Slug).Select(a => a.Slug).Take(10)
            .ToListAsync(cancellationToken);
        if (articles.Count > 0)
        {
            return ProblemResults.Conflict(
                $"Sự kiện vẫn được các bài viết nhắc đến: {string.Join(", ", articles)}. Hãy bỏ liên kết trước.",
                $"Articles still report this event: {string.Join(", ", articles)}. Unlink them first.");
        }

        // Participations go with the event, and with them the participants' reason to be public: name them now.
        var participants = await db.Participations.Where(x => x.EventId == id).Select(x => x.PersonId).Distinct().ToListAsync(cancellationToken);
        db.Events.Remove(entity);
        audit.Add("event.deleted", "event", entity.Id, $"slug={entity.Slug}");
        await changes.SaveAsync([ChangedItem.Event(entity.Id), .. participants.Select(p => ChangedItem.Person(p))], cancellationToken);
        return TypedResults.NoContent();
    }
}
