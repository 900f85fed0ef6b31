using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Taxonomy;

public static class ListTags
{
    public static async Task<Ok<PageResponse<TagResponse>>> HandleAsync(
        KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PageResponse<TagResponse>(await db.Tags.AsNoTracking()
            .OrderBy(t => t.Name)
            .ProjectTo<TagResponse>(mapper.ConfigurationProvider, new { now = clock.GetUtcNow() })
            .ToListAsync(cancellationToken), NextCursor: null));
}
