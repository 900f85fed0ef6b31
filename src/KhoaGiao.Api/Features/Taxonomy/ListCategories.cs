using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Taxonomy;

public static class ListCategories
{
    public static async Task<Ok<PageResponse<CategoryResponse>>> HandleAsync(
        KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PageResponse<CategoryResponse>(await db.Categories.AsNoTracking()
            .OrderBy(c => c.Name)
            .ProjectTo<CategoryResponse>(mapper.ConfigurationProvider, new { now = clock.GetUtcNow() })
            .ToListAsync(cancellationToken), NextCursor: null));
}
