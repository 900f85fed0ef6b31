using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Carries out a workflow action: loads the article, requires a current <c>If-Match</c>, checks the action against
/// <see cref="ArticleWorkflow"/> (409 naming the status and the allowed actions otherwise) and the caller's right
/// to the article, then applies it with a revision and, for publishing actions, an audit entry.
/// </summary>
public sealed class ArticleTransitions(
    KhoaGiaoDbContext db, ArticleRevisions revisions, AuditLog audit, ChangeLog changes, IMapper mapper, TimeProvider clock)
{
    public async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> ApplyAsync(
        Guid id, ArticleAction action, DateTimeOffset? publishAt, string? reason, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await db.ArticleForWriteAsync(id, cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFound(id);
        }

        if (db.RequiredIfMatchProblem(article, a => a.Version, httpContext) is { } precondition)
        {
            return precondition;
        }

        if (!ArticleWorkflow.IsAllowed(action, article.Status))
        {
            return ArticleProblems.IllegalTransition(action, article.Status);
        }

        if (ArticleWorkflow.Rules[action].AuthorsOwnDraft && !ArticleWorkflow.MayChangeContent(httpContext.User, article))
        {
            return ArticleProblems.NotYours();
        }

        var now = clock.GetUtcNow();
        article.Apply(action, now, publishAt);
        var revisionAction = article.Status == ArticleStatus.Scheduled ? "scheduled" : Done(action);
        await revisions.AddAsync(article, revisionAction, reason, cancellationToken);
        if (action is not ArticleAction.Submit)
        {
            audit.Add($"article.{revisionAction}", "article", article.Id,
                reason ?? (article.Status is ArticleStatus.Scheduled or ArticleStatus.Published ? $"publishedAt={article.PublishedAt:O}" : null));
        }

        await changes.SaveAsync([ChangedItem.Article(article.Id)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ETags.Set(httpContext, article.Version);
        return TypedResults.Ok(mapper.Map<AdminArticleResponse>(article));
    }

    private static string Done(ArticleAction action) => action switch
    {
        ArticleAction.Submit => "submitted",
        ArticleAction.Publish => "published",
        ArticleAction.Reject => "rejected",
        ArticleAction.Unpublish => "unpublished",
        _ => "archived",
    };
}
