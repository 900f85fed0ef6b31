using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class GetArticle
{
    public static async Task<Results<Ok<ArticleResponse>, RedirectHttpResult, ProblemHttpResult>> HandleAsync(
        string idOrSlug,
        KhoaGiaoDbContext db,
        IMapper mapper,
        TimeProvider clock,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var visible = db.Articles.AsNoTracking().WhereVisibleAt(clock.GetUtcNow());
        var isId = Guid.TryParse(idOrSlug, out var id);
        if (isId)
        {
            visible = visible.Where(a => a.Id == id);
        }
        else
        {
            var slug = idOrSlug.ToLowerInvariant();
            visible = visible.Where(a => a.Slug == slug);
        }

        var article = await visible.ProjectTo<ArticleResponse>(mapper.ConfigurationProvider).FirstOrDefaultAsync(cancellationToken);
        if (article is not null)
        {
            return TypedResults.Ok(article);
        }

        if (!isId)
        {
            var oldSlug = idOrSlug.ToLowerInvariant();
            var currentSlug = await db.ArticleSlugRedirects
                .Where(r => r.Slug == oldSlug)
                .Join(db.Articles.WhereVisibleAt(clock.GetUtcNow()), r => r.ArticleId, a => a.Id, (_, a) => a.Slug)
                .FirstOrDefaultAsync(cancellationToken);
            if (currentSlug is not null)
            {
                return TypedResults.Redirect($"{httpContext.Request.PathBase}/api/v1/articles/{currentSlug}", permanent: true);
            }
        }

        return ProblemResults.NotFound(
            $"Không có bài viết '{idOrSlug}'.", $"There is no article '{idOrSlug}'.");
    }
}
