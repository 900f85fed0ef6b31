using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class UnpublishArticle
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
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

        article.Unpublish(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(httpContext, article.Version);
        return TypedResults.Ok(mapper.Map<AdminArticleResponse>(article));
    }
}
