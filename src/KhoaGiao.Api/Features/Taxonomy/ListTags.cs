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
        [AsParameters] PageQuery query, KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Names that only unpublished articles use are not public: only what readers can reach is listed.
        var now = clock.GetUtcNow();
        var tags = db.Tags.AsNoTracking()
            .Where(t => t.Articles.Any(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now));
        if (TextCursor.TryDecode(query.Cursor, out var after))
        {
            // Slugs are unique: the slug alone says where a page ended.
            tags = tags.Where(t => string.Compare(t.Slug, after.Position) > 0);
        }

        var limit = query.Limit ?? Paging.MaxLimit;
        var items = await tags.OrderBy(t => t.Slug).Take(limit + 1)
            .ProjectTo<TagResponse>(mapper.ConfigurationProvider, new { now })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.Page(items, limit, t => new TextCursor(t.Slug, Guid.Empty).Encode()));
    }
}
