using AutoMapper;
using FluentValidation;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Body of <c>PUT /api/v1/admin/articles/by-source/{source}/{externalId}</c>: the article's content, as for creating
/// one, and optionally when to publish it. Its <c>source.name</c> and <c>source.externalId</c> may be left out (the
/// path gives them); when sent they must name the path's source and id.
/// </summary>
public sealed record UpsertArticleRequest : ArticleRequest
{
    /// <summary>
    /// Publishes the article at this time in the same call (a future time schedules it); needs <c>content:publish</c>.
    /// Omit it to leave the status as it is: a new article is then a draft.
    /// </summary>
    /// <example>2023-08-16T18:00:00+07:00</example>
    public DateTimeOffset? PublishedAt { get; init; }
}

public sealed class UpsertArticleRequestValidator : AbstractValidator<UpsertArticleRequest>
{
    public UpsertArticleRequestValidator() => Include(new ArticleRequestValidator());
}

public static class UpsertArticleBySource
{
    public static async Task<Results<Created<AdminArticleResponse>, Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        [AsParameters] ArticleSourceRoute route,
        UpsertArticleRequest request,
        ArticleWrites writes,
        IMapper mapper,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var outcome = await writes.UpsertAsync(
            route.Source!, route.ExternalId!, request, request.PublishedAt, IfMatch.From(httpContext), httpContext.User, cancellationToken);
        return outcome.ToCreatedOrOk(httpContext, mapper);
    }
}
