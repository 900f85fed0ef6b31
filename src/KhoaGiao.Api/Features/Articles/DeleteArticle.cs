using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class DeleteArticle
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id,
        KhoaGiaoDbContext db,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFound(id);
        }

        if (!db.MatchesIfMatch(article, a => a.Version, httpContext))
        {
            return ProblemResults.PreconditionFailed();
        }

        db.Articles.Remove(article);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
