namespace KhoaGiao.Api.Features.Articles;

public static class ArchiveArticle
{
    public static Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, ArticleTransitions transitions, HttpContext httpContext, CancellationToken cancellationToken) =>
        transitions.ApplyAsync(id, ArticleAction.Archive, publishAt: null, reason: null, httpContext, cancellationToken);
}
