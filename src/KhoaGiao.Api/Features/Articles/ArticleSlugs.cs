using KhoaGiao.Api.Data;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Keeps article slugs unique across current slugs and the old ones that still redirect, so a link once shared
/// never starts pointing at a different story.
/// </summary>
public sealed class ArticleSlugs(KhoaGiaoDbContext db)
{
    /// <summary>The title's slug, or the first of <c>slug-2</c>, <c>slug-3</c>… that is free.</summary>
    public async Task<string> UniqueFromTitleAsync(string title, Guid? articleId, CancellationToken cancellationToken)
    {
        var slug = SlugGenerator.FromTitle(title);
        if (slug.Length == 0)
        {
            slug = "bai-viet";
        }

        var prefix = UniqueSlugs.VariantPrefix(slug);
        var taken = await TakenSlugs(articleId)
            .Where(s => s == slug || s.StartsWith(prefix))
            .ToListAsync(cancellationToken);
        return UniqueSlugs.FirstFree(slug, taken.ToHashSet());
    }

    /// <summary>True when another article uses the slug, now or as a former slug.</summary>
    public Task<bool> IsTakenAsync(string slug, Guid? articleId, CancellationToken cancellationToken) =>
        TakenSlugs(articleId).AnyAsync(s => s == slug, cancellationToken);

    private IQueryable<string> TakenSlugs(Guid? articleId) =>
        db.Articles.Where(a => a.Id != articleId).Select(a => a.Slug)
            .Concat(db.ArticleSlugRedirects.Where(r => r.ArticleId != articleId).Select(r => r.Slug));
}
