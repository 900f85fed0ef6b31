using AutoMapper;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Body of the publish action; may be omitted.</summary>
public sealed record PublishArticleRequest
{
    /// <summary>
    /// When the article becomes public. Omit to publish now (keeping an earlier publish time if it was public
    /// before); a future time schedules it, and the scheduler publishes it at that moment.
    /// </summary>
    /// <example>2026-12-01T07:00:00+07:00</example>
    public DateTimeOffset? PublishedAt { get; init; }
}

public static class PublishArticle
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, PublishArticleRequest? request, ArticleWrites writes, IMapper mapper, HttpContext httpContext,
        CancellationToken cancellationToken) =>
        (await writes.TransitionAsync(id, ArticleAction.Publish, request?.PublishedAt, reason: null, IfMatch.From(httpContext), httpContext.User, cancellationToken))
            .ToOk(httpContext, mapper);
}
