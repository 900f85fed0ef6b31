using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class GetArticle
{
    public static async Task<Results<Ok<ArticleResponse>, RedirectHttpResult, ProblemHttpResult>> HandleAsync(
        [OpenApi.Longest(Text.SlugGenerator.MaxLength)] string idOrSlug,
        [FromQuery, OpenApi.Longest(PreviewTokenResponse.PreviewTokenMaxLength)] string? preview,
        KhoaGiaoDbContext db,
        PreviewTokens previews,
        ArticleReads reads,
        DeliveredBodies bodies,
        IMapper mapper,
        TimeProvider clock,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        if (preview is not null)
        {
            return await PreviewAsync(idOrSlug, preview, db, previews, bodies, mapper, httpContext, cancellationToken);
        }

        var isId = Guid.TryParse(idOrSlug, out var id);
        var article = await bodies.FillAsync(isId
            ? await db.Articles.AsNoTracking().WhereVisibleAt(clock.GetUtcNow()).Where(a => a.Id == id)
                .ProjectTo<ArticleResponse>(mapper.ConfigurationProvider).FirstOrDefaultAsync(cancellationToken)
            : await reads.BySlugAsync(db, idOrSlug.ToLowerInvariant(), clock.GetUtcNow(), cancellationToken), cancellationToken);
        if (article is not null)
        {
            LastModified.Set(httpContext, article.UpdatedAt);
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
            $"Không có bài viết '{Text.Echo.Shown(idOrSlug)}'.", $"There is no article '{Text.Echo.Shown(idOrSlug)}'.");
    }

    /// <summary>The article a valid preview token is for, in any status, never cached; anything else is a 404.</summary>
    private static async Task<Results<Ok<ArticleResponse>, RedirectHttpResult, ProblemHttpResult>> PreviewAsync(
        string idOrSlug, string token, KhoaGiaoDbContext db, PreviewTokens previews, DeliveredBodies bodies, IMapper mapper, HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        httpContext.Response.Headers.CacheControl = "no-store";
        var articleId = previews.ArticleOf(token);
        var slug = idOrSlug.ToLowerInvariant();
        var byId = Guid.TryParse(idOrSlug, out var requestedId);
        var article = articleId is { } id && (!byId || requestedId == id)
            ? await bodies.FillAsync(await db.Articles.AsNoTracking()
                .Where(a => a.Id == id && (byId || a.Slug == slug))
                .ProjectTo<ArticleResponse>(mapper.ConfigurationProvider)
                .FirstOrDefaultAsync(cancellationToken), cancellationToken)
            : null;
        return article is null
            ? ProblemResults.NotFound($"Không có bài viết '{Text.Echo.Shown(idOrSlug)}'.", $"There is no article '{Text.Echo.Shown(idOrSlug)}'.")
            : TypedResults.Ok(article);
    }
}
