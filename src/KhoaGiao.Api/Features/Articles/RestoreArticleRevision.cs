using AutoMapper;
using KhoaGiao.Api.Data;
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
        ArticleEditor editor,
        ArticleRevisions revisions,
        IMapper mapper,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await db.ArticleForWriteAsync(id, cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFound(id);
        }

        var revision = await db.ArticleRevisions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ArticleId == id && r.Number == number, cancellationToken);
        if (revision is null)
        {
            return ArticleProblems.NoSuchRevision(id, number);
        }

        if (db.RequiredIfMatchProblem(article, a => a.Version, httpContext) is { } precondition)
        {
            return precondition;
        }

        if (!ArticleWorkflow.MayChangeContent(httpContext.User, article))
        {
            return ArticleProblems.NotYours();
        }

        var content = revision.Content;
        var eventExists = content.EventId is { } eventId && await db.Events.AnyAsync(e => e.Id == eventId, cancellationToken);
        var request = new ArticleRequest
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

        if (await editor.ApplyAsync(article, request, isNew: false, cancellationToken) is { } problem)
        {
            return problem;
        }

        await revisions.AddAsync(article, "restored", $"from revision {number}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ETags.Set(httpContext, article.Version);
        return TypedResults.Ok(mapper.Map<AdminArticleResponse>(article));
    }
}
