using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Carries out a content edit (an update, or the restore of a revision): loads the article for writing, asks the
/// caller for the new content, requires a current <c>If-Match</c> and the caller's right to the article, applies
/// the content and records a revision, in one transaction.
/// </summary>
public sealed class ArticleContentEdits(
    KhoaGiaoDbContext db, ArticleEditor editor, ArticleRevisions revisions, ChangeLog changes, IMapper mapper)
{
    /// <summary>The new content of an edit, or the problem that stops it.</summary>
    public readonly record struct Content(ArticleRequest? Request, ProblemHttpResult? Problem)
    {
        public static implicit operator Content(ArticleRequest request) => new(request, null);

        public static implicit operator Content(ProblemHttpResult problem) => new(null, problem);
    }

    public async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> ApplyAsync(
        Guid id,
        Func<CancellationToken, Task<Content>> content,
        string revisionAction,
        string? reason,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        // Tags and categories are created before the article is saved: one transaction keeps them from outliving a failed save.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await db.ArticleForWriteAsync(id, cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFound(id);
        }

        var (request, contentProblem) = await content(cancellationToken);
        if (contentProblem is not null)
        {
            return contentProblem;
        }

        if (db.RequiredIfMatchProblem(article, a => a.Version, httpContext) is { } precondition)
        {
            return precondition;
        }

        if (!ArticleWorkflow.MayChangeContent(httpContext.User, article))
        {
            return ArticleProblems.NotYours();
        }

        // The log finds the event, category and tags the article has after the edit; those it leaves are named here.
        var formerEventId = article.EventId;
        var formerCategoryId = article.CategoryId;
        var formerTagIds = article.Tags.Select(t => t.Id).ToList();
        if (await editor.ApplyAsync(article, request!, isNew: false, cancellationToken) is { } problem)
        {
            return problem;
        }

        await revisions.AddAsync(article, revisionAction, reason, cancellationToken);
        await changes.SaveAsync(
            [
                ChangedItem.Article(article.Id), ChangedItem.Event(formerEventId), new(ChangeType.Category, formerCategoryId),
                .. formerTagIds.Select(id => new ChangedItem(ChangeType.Tag, id)),
            ],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ETags.Set(httpContext, article.Version);
        return TypedResults.Ok(mapper.Map<AdminArticleResponse>(article));
    }
}
