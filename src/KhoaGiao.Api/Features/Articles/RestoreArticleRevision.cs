using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Media;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class RestoreArticleRevision
{
    /// <summary>
    /// Puts back the content (not the status) an article had at a revision, as a new revision. Needs the current
    /// <c>If-Match</c>, like any edit.
    /// </summary>
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        int number,
        KhoaGiaoDbContext db,
        ArticleWrites writes,
        IMapper mapper,
        HttpContext httpContext,
        CancellationToken cancellationToken) =>
        (await writes.EditAsync(id, ct => ContentOfAsync(db, id, number, ct), "restored", $"from revision {number}",
            IfMatch.From(httpContext), httpContext.User, cancellationToken)).ToOk(httpContext, mapper);

    private static async Task<ArticleWrites.Content> ContentOfAsync(KhoaGiaoDbContext db, Guid id, int number, CancellationToken cancellationToken)
    {
        var revision = await db.ArticleRevisions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ArticleId == id && r.Number == number, cancellationToken);
        if (revision is null)
        {
            return ArticleProblems.NoSuchRevision(id, number);
        }

        var content = revision.Content;
        var eventExists = content.EventId is { } eventId && await db.Events.AnyAsync(e => e.Id == eventId, cancellationToken);

        // Photos deleted from the library since are left out, as a deleted event is.
        var shown = MediaFigures.IdsIn(content.Body).Append(content.CoverImageId ?? Guid.Empty).Distinct().ToList();
        var kept = await db.MediaItems.Where(m => shown.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
        return new ArticleRequest
        {
            Title = content.Title,
            Slug = content.Slug,
            Summary = content.Summary,
            Body = MediaFigures.Without(content.Body, shown.Except(kept)),
            CoverImageUrl = content.CoverImageUrl,
            CoverImageId = content.CoverImageId is { } cover && kept.Contains(cover) ? cover : null,
            Category = content.Category,
            Tags = content.Tags,
            EventId = eventExists ? content.EventId : null,
            Source = content.SourceName is null ? null : new ArticleSourceRequest { Name = content.SourceName, Url = content.SourceUrl, ExternalId = content.SourceExternalId },
        };
    }
}
