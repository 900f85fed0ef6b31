using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Taxonomy;

public static class ListCategories
{
    public static async Task<Ok<PageResponse<CategoryResponse>>> HandleAsync(
        KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Names that only unpublished articles use are not public: only what readers can reach is listed.
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new PageResponse<CategoryResponse>(await db.Categories.AsNoTracking()
            .Where(c => c.Articles.Any(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now))
            .OrderBy(c => c.Name)
            .ProjectTo<CategoryResponse>(mapper.ConfigurationProvider, new { now })
            .ToListAsync(cancellationToken), NextCursor: null));
    }
}
