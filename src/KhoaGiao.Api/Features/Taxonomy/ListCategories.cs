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
        [AsParameters] PageQuery query, KhoaGiaoDbContext db, IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Names that only unpublished articles use are not public: only what readers can reach is listed.
        var now = clock.GetUtcNow();
        var categories = db.Categories.AsNoTracking()
            .Where(c => c.Articles.Any(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now));
        if (TextCursor.TryDecode(query.Cursor, out var after))
        {
            // Slugs are unique: the slug alone says where a page ended.
            categories = categories.Where(c => string.Compare(c.Slug, after.Position) > 0);
        }

        var limit = query.Limit ?? Paging.MaxLimit;
        var items = await categories.OrderBy(c => c.Slug).Take(limit + 1)
            .ProjectTo<CategoryResponse>(mapper.ConfigurationProvider, new { now })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.Page(items, limit, c => new TextCursor(c.Slug, Guid.Empty).Encode()));
    }
}
