using AutoMapper;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// What an <see cref="ArticleWrites"/> call did: the article as the write left it (created, changed, or as it was when
/// nothing needed changing, <see cref="Unchanged"/>), or the problem that stopped it, in which case nothing was written.
/// </summary>
public readonly record struct ArticleWriteOutcome(Article? Article, bool Created, ProblemHttpResult? Problem = null, bool Unchanged = false)
{
    public static implicit operator ArticleWriteOutcome(ProblemHttpResult problem) => new(null, false, problem);

    /// <summary>The status the write answers with: 201 when it created the article, 200 otherwise, or the problem's.</summary>
    public int StatusCode => Problem?.StatusCode ?? (Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);

    /// <summary>Where the management API serves an article.</summary>
    public static string LocationOf(Guid id) => $"/api/v1/admin/articles/{id}";

    /// <summary>200 with the article and its ETag, or the problem.</summary>
    public Results<Ok<AdminArticleResponse>, ProblemHttpResult> ToOk(HttpContext httpContext, IMapper mapper) =>
        Problem is not null ? Problem : TypedResults.Ok(Represent(httpContext, mapper));

    /// <summary>201 with the new article, its <c>Location</c> and ETag, or the problem.</summary>
    public Results<Created<AdminArticleResponse>, ProblemHttpResult> ToCreated(HttpContext httpContext, IMapper mapper) =>
        Problem is not null ? Problem : TypedResults.Created(LocationOf(Article!.Id), Represent(httpContext, mapper));

    /// <summary>201 when the write created the article, else 200; with its ETag; or the problem.</summary>
    public Results<Created<AdminArticleResponse>, Ok<AdminArticleResponse>, ProblemHttpResult> ToCreatedOrOk(
        HttpContext httpContext, IMapper mapper) =>
        Problem is not null ? Problem
        : Created ? TypedResults.Created(LocationOf(Article!.Id), Represent(httpContext, mapper))
        : TypedResults.Ok(Represent(httpContext, mapper));

    private AdminArticleResponse Represent(HttpContext httpContext, IMapper mapper)
    {
        ETags.Set(httpContext, Article!.Version);
        return mapper.Map<AdminArticleResponse>(Article);
    }
}
