using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Media;

public static class DeleteMedia
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, ChangeLog changes, AuditLog audit, MediaFiles files, HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var item = await db.MediaItems.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return MediaProblems.NotFound(id);
        }

        if (!db.MatchesIfMatch(item, m => m.Version, httpContext))
        {
            return ProblemResults.PreconditionFailed();
        }

        var articles = await db.Articles.Where(a => a.CoverImageId == id || a.Figures.Any(f => f.MediaId == id))
            .OrderBy(a => a.Slug).Select(a => a.Slug).Take(10).ToListAsync(cancellationToken);
        var events = await db.Events.Where(e => e.CoverImageId == id)
            .OrderBy(e => e.Slug).Select(e => e.Slug).Take(10).ToListAsync(cancellationToken);
        if (articles.Count > 0 || events.Count > 0)
        {
            return MediaProblems.InUse(articles, events);
        }

        db.MediaItems.Remove(item);
        audit.Add("media.deleted", "media", item.Id, $"file={item.FileName}");
        await changes.SaveAsync([ChangedItem.Media(item.Id)], cancellationToken);

        // The row is gone, so no route serves the files any more; a store that fails now leaves unreachable files behind.
        await files.ForgetAllAsync(item, "deleted");

        return TypedResults.NoContent();
    }
}
