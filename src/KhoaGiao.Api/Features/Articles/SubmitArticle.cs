namespace KhoaGiao.Api.Features.Articles;

public static class SubmitArticle
{
    public static Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, ArticleTransitions transitions, HttpContext httpContext, CancellationToken cancellationToken) =>
        transitions.ApplyAsync(id, ArticleAction.Submit, publishAt: null, reason: null, httpContext, cancellationToken);
}
