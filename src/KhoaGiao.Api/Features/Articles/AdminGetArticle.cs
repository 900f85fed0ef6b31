using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class AdminGetArticle
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        KhoaGiaoDbContext db,
        IMapper mapper,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .ProjectTo<AdminArticleResponse>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFound(id);
        }

        ETags.Set(httpContext, article.Version);
        return TypedResults.Ok(article);
    }
}
