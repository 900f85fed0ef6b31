using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class RestoreArticleRevision
{
    /// <summary>
    /// Puts back the content (not the status) an article had at a revision, as a new revision. Needs the current
    /// <c>If-Match</c>, like any edit.
    /// </summary>
    public static Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        int number,
        KhoaGiaoDbContext db,
        ArticleContentEdits edits,
        HttpContext httpContext,
        CancellationToken cancellationToken) =>
        edits.ApplyAsync(id, ct => ContentOfAsync(db, id, number, ct), "restored", $"from revision {number}", httpContext, cancellationToken);

    private static async Task<ArticleContentEdits.Content> ContentOfAsync(KhoaGiaoDbContext db, Guid id, int number, CancellationToken cancellationToken)
    {
        var revision = await db.ArticleRevisions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ArticleId == id && r.Number == number, cancellationToken);
        if (revision is null)
        {
            return ArticleProblems.NoSuchRevision(id, number);
        }

        var content = revision.Content;
        var eventExists = content.EventId is { } eventId && await db.Events.AnyAsync(e => e.Id == eventId, cancellationToken);
        return new ArticleRequest
        {
            Title = content.Title,
            Slug = content.Slug,
            Summary = content.Summary,
            Body = content.Body,
            CoverImageUrl = content.CoverImageUrl,
            Category = content.Category,
            Tags = content.Tags,
            EventId = eventExists ? content.EventId : null,
            Source = content.SourceName is null ? null : new ArticleSourceRequest { Name = content.SourceName, Url = content.SourceUrl, ExternalId = content.SourceExternalId },
        };
    }
}
