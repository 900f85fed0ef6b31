namespace KhoaGiao.Api.Features.Articles;

public static class UpdateArticle
{
    public static Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        ArticleRequest request,
        ArticleContentEdits edits,
        HttpContext httpContext,
        CancellationToken cancellationToken) =>
        edits.ApplyAsync(id, _ => Task.FromResult<ArticleContentEdits.Content>(request), "updated", reason: null, httpContext, cancellationToken);
}
