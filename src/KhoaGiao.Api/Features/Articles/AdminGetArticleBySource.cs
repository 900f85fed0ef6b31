using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class AdminGetArticleBySource
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        [AsParameters] ArticleSourceRoute route,
        KhoaGiaoDbContext db,
        IMapper mapper,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var sourceKey = ArticleSource.KeyOf(route.Source);
        var externalId = route.ExternalId!.Trim();
        var article = await db.Articles.AsNoTracking()
            .Where(a => a.Source.Key == sourceKey && a.Source.ExternalId == externalId)
            .ProjectTo<AdminArticleResponse>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFoundBySource(route.Source!.Trim(), externalId);
        }

        ETags.Set(httpContext, article.Version);
        return TypedResults.Ok(article);
    }
}
