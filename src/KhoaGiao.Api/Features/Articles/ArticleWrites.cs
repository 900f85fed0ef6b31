using System.Security.Claims;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Time;
using Microsoft.EntityFrameworkCore.Storage;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// The one write path of articles: every route that changes an article (create, update, restore, the workflow actions,
/// upsert by source and its batch) runs here. In one transaction: load for writing (row lock), <c>If-Match</c>, the
/// caller's right to the article, the change (content through <see cref="ArticleEditor"/>, status through
/// <see cref="ArticleWorkflow"/>), a revision, an audit entry for publishing actions, the change-log record, save.
/// Routes only say what to change. Nothing here reads the HTTP request, so an item of a batch is written exactly as
/// its single request would be.
/// </summary>
public sealed class ArticleWrites(
    KhoaGiaoDbContext db, ArticleEditor editor, ArticleTaxonomy taxonomy, ArticleRevisions revisions, AuditLog audit, ChangeLog changes,
    TimeProvider clock)
{
    /// <summary>The new content of an edit, or the problem that stops it.</summary>
    public readonly record struct Content(ArticleRequest? Request, ProblemHttpResult? Problem)
    {
        public static implicit operator Content(ArticleRequest request) => new(request, null);

        public static implicit operator Content(ProblemHttpResult problem) => new(null, problem);
    }

    /// <summary>Creates a draft.</summary>
    public async Task<ArticleWriteOutcome> CreateAsync(ArticleRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // Tags and categories are created before the article is saved: one transaction keeps them from outliving a failed save.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = New(user);
        if (await ApplyContentAsync(article, editor.ContentOf(article, request), isNew: true, "created", reason: null, user, cancellationToken)
            is { } problem)
        {
            return problem;
        }

        return await CommitAsync(transaction, article, formerEventId: null, created: true, cancellationToken);
    }

    /// <summary>
    /// Replaces an article's content (an update, or the restore of a revision, whose content may itself be a 404);
    /// needs a current <c>If-Match</c> and the caller's right to the article.
    /// </summary>
    public async Task<ArticleWriteOutcome> EditAsync(
        Guid id, Func<CancellationToken, Task<Content>> content, string revisionAction, string? reason, IfMatch ifMatch,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
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

        if (db.RequiredIfMatchProblem(article, a => a.Version, ifMatch) is { } precondition)
        {
            return precondition;
        }

        if (!ArticleWorkflow.MayChangeContent(user, article))
        {
            return ArticleProblems.NotYours();
        }

        var formerEventId = article.EventId;
        if (await ApplyContentAsync(article, editor.ContentOf(article, request!), isNew: false, revisionAction, reason, user, cancellationToken)
            is { } problem)
        {
            return problem;
        }

        return await CommitAsync(transaction, article, formerEventId, created: false, cancellationToken);
    }

    /// <summary>
    /// Carries out a workflow action; needs a current <c>If-Match</c>. 409 naming the status and the allowed actions
    /// when the action cannot start from the article's status.
    /// </summary>
    public async Task<ArticleWriteOutcome> TransitionAsync(
        Guid id, ArticleAction action, DateTimeOffset? publishAt, string? reason, IfMatch ifMatch, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await db.ArticleForWriteAsync(id, cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFound(id);
        }

        if (db.RequiredIfMatchProblem(article, a => a.Version, ifMatch) is { } precondition)
        {
            return precondition;
        }

        if (await TransitionAsync(article, action, publishAt, reason, user, cancellationToken) is { } problem)
        {
            return problem;
        }

        return await CommitAsync(transaction, article, formerEventId: null, created: false, cancellationToken);
    }

    /// <summary>
    /// Creates or updates the article that came from <paramref name="source"/> (matched folded, see
    /// <see cref="ArticleSource.KeyOf"/>) with <paramref name="externalId"/>, and with <paramref name="publishAt"/>
    /// publishes or schedules it in the same transaction. The source is master of its articles, so <c>If-Match</c> is
    /// optional, and honoured when sent. A write that would change nothing writes nothing: no revision, no change
    /// record, the same version. With <paramref name="publishNewOnly"/> (the importer), <paramref name="publishAt"/>
    /// applies only when the call creates the article: one already here keeps its status, so an editor's
    /// unpublishing holds.
    /// </summary>
    public async Task<ArticleWriteOutcome> UpsertAsync(
        string source, string externalId, ArticleRequest request, DateTimeOffset? publishAt, IfMatch ifMatch, ClaimsPrincipal user,
        CancellationToken cancellationToken, bool publishNewOnly = false)
    {
        if (publishAt is not null && !user.HasScope(ArticleWorkflow.Rules[ArticleAction.Publish].Scope))
        {
            return ArticleProblems.PublishNeedsScope();
        }

        var sourceKey = ArticleSource.KeyOf(source)!;
        externalId = externalId.Trim();
        if (SourceMismatch(request.Source, sourceKey, externalId) is { } mismatch)
        {
            return mismatch;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await db.ArticleForSourceWriteAsync(sourceKey, externalId, cancellationToken);
        var created = article is null;
        if (article is null)
        {
            // RFC 9110 §13.1.1: any If-Match, even "*", fails when there is no current representation.
            if (ifMatch.Sent)
            {
                return ProblemResults.PreconditionFailed();
            }

            // The identity was looked up free under the lock, so the new article holds it already.
            article = New(user);
            article.Source.Key = sourceKey;
            article.Source.ExternalId = externalId;
        }
        else if (!db.MatchesIfMatch(article, a => a.Version, ifMatch))
        {
            return ProblemResults.PreconditionFailed();
        }
        else if (!ArticleWorkflow.MayChangeContent(user, article))
        {
            return ArticleProblems.NotYours();
        }

        var formerEventId = article.EventId;
        var content = editor.ContentOf(article, request with
        {
            Source = new ArticleSourceRequest
            {
                // The path identifies; the body's spelling of the name (or else the one the article has) is shown.
                Name = request.Source?.Name ?? article.Source.Name ?? string.Join(' ', source.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
                Url = request.Source?.Url,
                ExternalId = externalId,
            },
        });
        var changed = created || content.ChangedFrom(ArticleSnapshot.Of(article)).Count > 0;
        if (changed && await ApplyContentAsync(article, content, created, created ? "created" : "updated", reason: null, user, cancellationToken)
            is { } problem)
        {
            return problem;
        }

        if (publishAt is { } requested && (created || !publishNewOnly))
        {
            // PostgreSQL keeps microseconds: a finer time would never equal the stored one, so repeating the same call
            // would look like a change.
            var at = requested.AsStored();
            if (!article.IsPublishedAt(at, clock.GetUtcNow()))
            {
                if (await TransitionAsync(article, ArticleAction.Publish, at, reason: null, user, cancellationToken) is { } publishProblem)
                {
                    return publishProblem;
                }

                changed = true;
            }
        }

        // Returning without committing rolls the transaction back: nothing was written, the version stays.
        return changed
            ? await CommitAsync(transaction, article, formerEventId, created, cancellationToken)
            : new ArticleWriteOutcome(article, Created: false, Unchanged: true);
    }

    /// <summary>An empty new article; its author is the signed-in user (an API key writes as nobody in particular).</summary>
    private Article New(ClaimsPrincipal user)
    {
        var now = clock.GetUtcNow();
        return new Article
        {
            Slug = "",
            Title = "",
            Body = "",
            CreatedAt = now,
            UpdatedAt = now,
            AuthorId = user.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName
                && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ? userId : null,
        };
    }

    /// <summary>The body's source, when it names one, must be the path's: same folded name, same external id.</summary>
    private static ProblemHttpResult? SourceMismatch(ArticleSourceRequest? body, string sourceKey, string externalId)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.Name is { } name && ArticleSource.KeyOf(name) != sourceKey)
        {
            errors["source.name"] = [Text.Localized.Text(
                $"Tên nguồn '{name}' khác với nguồn trong đường dẫn.", $"The source name '{name}' differs from the source in the path.")];
        }

        if (body?.ExternalId is { } bodyId && bodyId.Trim() != externalId)
        {
            errors["source.externalId"] = [Text.Localized.Text(
                $"Mã '{bodyId}' khác với mã trong đường dẫn ('{externalId}').", $"The external id '{bodyId}' differs from the one in the path ('{externalId}').")];
        }

        return errors.Count == 0 ? null : ProblemResults.Validation(errors);
    }

    /// <summary>Gives the article its content and records the revision; a new article joins the unit of work.</summary>
    private async Task<ProblemHttpResult?> ApplyContentAsync(
        Article article, ArticleSnapshot content, bool isNew, string revisionAction, string? reason, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (await editor.ApplyAsync(article, content, isNew, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (isNew)
        {
            db.Articles.Add(article);
        }

        await revisions.AddAsync(article, revisionAction, reason, cancellationToken, user);
        return null;
    }

    /// <summary>
    /// Applies a workflow action, after checking it against <see cref="ArticleWorkflow"/> (409 naming the status and the
    /// allowed actions) and the caller's right to the article, with its revision and, except for submitting, an audit entry.
    /// </summary>
    private async Task<ProblemHttpResult?> TransitionAsync(
        Article article, ArticleAction action, DateTimeOffset? publishAt, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!ArticleWorkflow.IsAllowed(action, article.Status))
        {
            return ArticleProblems.IllegalTransition(action, article.Status);
        }

        if (ArticleWorkflow.Rules[action].AuthorsOwnDraft && !ArticleWorkflow.MayChangeContent(user, article))
        {
            return ArticleProblems.NotYours();
        }

        article.Apply(action, clock.GetUtcNow(), publishAt);
        var revisionAction = article.Status == ArticleStatus.Scheduled ? "scheduled" : Done(action);
        await revisions.AddAsync(article, revisionAction, reason, cancellationToken, user);
        if (action is not ArticleAction.Submit)
        {
            audit.Add($"article.{revisionAction}", "article", article.Id,
                reason ?? (article.Status is ArticleStatus.Scheduled or ArticleStatus.Published ? $"publishedAt={article.PublishedAt:O}" : null),
                user);
        }

        return null;
    }

    /// <summary>
    /// Saves with the change record and commits. The change log finds the event the article reports after the write;
    /// the one it reported before is named here, as it may no longer list the article, with the categories and tags the
    /// write created.
    /// </summary>
    private async Task<ArticleWriteOutcome> CommitAsync(
        IDbContextTransaction transaction, Article article, Guid? formerEventId, bool created, CancellationToken cancellationToken)
    {
        await changes.SaveAsync([ChangedItem.Article(article), ChangedItem.Event(formerEventId), .. taxonomy.TakeCreated()], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ArticleWriteOutcome(article, created);
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
