using AutoMapper;
using FluentValidation;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Body of the reject action.</summary>
public sealed record RejectArticleRequest
{
    /// <summary>Why the article goes back to its author; kept in its revisions and the audit log.</summary>
    /// <example>Cần bổ sung ảnh và kiểm tra lại chức danh đại biểu.</example>
    public string? Reason { get; init; }
}

public sealed class RejectArticleRequestValidator : AbstractValidator<RejectArticleRequest>
{
    public RejectArticleRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
}

public static class RejectArticle
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, RejectArticleRequest request, ArticleWrites writes, IMapper mapper, HttpContext httpContext,
        CancellationToken cancellationToken) =>
        (await writes.TransitionAsync(id, ArticleAction.Reject, publishAt: null, request.Reason!.Trim(), IfMatch.From(httpContext), httpContext.User, cancellationToken))
            .ToOk(httpContext, mapper);
}
