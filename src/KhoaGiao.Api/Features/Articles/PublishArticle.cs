using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Body of the publish action; may be omitted.</summary>
public sealed record PublishArticleRequest
{
    /// <summary>
    /// When the article becomes public. Omit for now (or to keep an earlier publish time); a future time schedules
    /// it: the delivery API shows it from that moment.
    /// </summary>
    /// <example>2023-08-16T18:00:00+07:00</example>
    public DateTimeOffset? PublishedAt { get; init; }
}

public static class PublishArticle
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        PublishArticleRequest? request,
        KhoaGiaoDbContext db,
        IMapper mapper,
        TimeProvider clock,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var article = await db.Articles.Include(a => a.Category).Include(a => a.Tags)
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFound(id);
        }

        if (!db.MatchesIfMatch(article, a => a.Version, httpContext))
        {
            return ProblemResults.PreconditionFailed();
        }

        article.Publish(clock.GetUtcNow(), request?.PublishedAt);
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(httpContext, article.Version);
        return TypedResults.Ok(mapper.Map<AdminArticleResponse>(article));
    }
}
