using AutoMapper;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

public static class UpdateArticle
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        ArticleRequest request,
        ArticleWrites writes,
        IMapper mapper,
        HttpContext httpContext,
        CancellationToken cancellationToken) =>
        (await writes.EditAsync(id, _ => Task.FromResult<ArticleWrites.Content>(request), "updated", reason: null,
            IfMatch.From(httpContext), httpContext.User, cancellationToken)).ToOk(httpContext, mapper);
}
