using System.Security.Claims;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Who may do what to an article, in one table. Each action names the statuses it starts from and the scope it
/// needs; editing and deleting need <c>content:write</c>. Without <c>content:publish</c>, a signed-in user (an
/// author) may only edit, submit or delete their own drafts; API keys act by their scopes alone.
/// </summary>
public static class ArticleWorkflow
{
    /// <summary>Where an action may start and what it needs.</summary>
    public sealed record Rule(IReadOnlyList<ArticleStatus> From, string Scope, bool AuthorsOwnDraft);

    public static readonly IReadOnlyDictionary<ArticleAction, Rule> Rules = new Dictionary<ArticleAction, Rule>
    {
        [ArticleAction.Submit] = new([ArticleStatus.Draft], Scopes.ContentWrite, AuthorsOwnDraft: true),
        [ArticleAction.Publish] = new([ArticleStatus.Draft, ArticleStatus.InReview, ArticleStatus.Scheduled], Scopes.ContentPublish, AuthorsOwnDraft: false),
        [ArticleAction.Reject] = new([ArticleStatus.InReview], Scopes.ContentPublish, AuthorsOwnDraft: false),
        [ArticleAction.Unpublish] = new([ArticleStatus.Published, ArticleStatus.Scheduled, ArticleStatus.Archived], Scopes.ContentPublish, AuthorsOwnDraft: false),
        [ArticleAction.Archive] = new([ArticleStatus.Published], Scopes.ContentPublish, AuthorsOwnDraft: false),
    };

    /// <summary>The actions an article in this status allows, in table order.</summary>
    public static IReadOnlyList<ArticleAction> AllowedFrom(ArticleStatus status) =>
        Rules.Where(r => r.Value.From.Contains(status)).Select(r => r.Key).ToList();

    public static bool IsAllowed(ArticleAction action, ArticleStatus from) => Rules[action].From.Contains(from);

    /// <summary>
    /// Whether the caller may change this article's content (edit, submit, delete): anyone with
    /// <c>content:publish</c> and every API key may; other users only their own drafts.
    /// </summary>
    public static bool MayChangeContent(ClaimsPrincipal user, Article article) =>
        user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName
        || user.HasScope(Scopes.ContentPublish)
        || (article.Status == ArticleStatus.Draft
            && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            && article.AuthorId == userId);
}
