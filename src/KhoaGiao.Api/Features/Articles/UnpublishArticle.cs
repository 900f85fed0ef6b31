using AutoMapper;
using FluentValidation;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Body of the unpublish action; may be omitted.</summary>
public sealed record UnpublishArticleRequest
{
    /// <summary>Why the article is taken down; kept in its revisions and the audit log.</summary>
    /// <example>Thông tin cần đính chính.</example>
    public string? Reason { get; init; }
}

public sealed class UnpublishArticleRequestValidator : AbstractValidator<UnpublishArticleRequest>
{
    public UnpublishArticleRequestValidator() => RuleFor(r => r.Reason).MaximumLength(1000);
}

public static class UnpublishArticle
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, UnpublishArticleRequest? request, ArticleWrites writes, IMapper mapper, HttpContext httpContext,
        CancellationToken cancellationToken) =>
        (await writes.TransitionAsync(id, ArticleAction.Unpublish, publishAt: null, request?.Reason?.Trim(), IfMatch.From(httpContext), httpContext.User, cancellationToken))
            .ToOk(httpContext, mapper);
}
