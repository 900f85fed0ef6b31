using AutoMapper;

namespace KhoaGiao.Api.Features.Articles;

public static class CreateArticle
{
    public static async Task<Results<Created<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        ArticleRequest request, ArticleWrites writes, IMapper mapper, HttpContext httpContext, CancellationToken cancellationToken) =>
        (await writes.CreateAsync(request, httpContext.User, cancellationToken)).ToCreated(httpContext, mapper);
}
