using AutoMapper;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

public static class SubmitArticle
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, ArticleWrites writes, IMapper mapper, HttpContext httpContext,
        CancellationToken cancellationToken) =>
        (await writes.TransitionAsync(id, ArticleAction.Submit, publishAt: null, reason: null, IfMatch.From(httpContext), httpContext.User, cancellationToken))
            .ToOk(httpContext, mapper);
}
