using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Taxonomy;

public static class ListTags
{
    public static async Task<Ok<PageResponse<TagResponse>>> HandleAsync(
        KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Names that only unpublished articles use are not public: only what readers can reach is listed.
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new PageResponse<TagResponse>(await db.Tags.AsNoTracking()
            .Where(t => t.Articles.Any(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now))
            .OrderBy(t => t.Name)
            .ProjectTo<TagResponse>(mapper.ConfigurationProvider, new { now })
            .ToListAsync(cancellationToken), NextCursor: null));
    }
}
