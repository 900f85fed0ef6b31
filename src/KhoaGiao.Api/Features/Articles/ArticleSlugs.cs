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
    /// <remarks>
    /// Writers deriving the same slug at once (two items of a batch with one headline) queue on an advisory lock held
    /// until their transaction ends, so the second sees the first's slug and takes the next number instead of both
    /// saving the same one and the second failing on the unique index.
    /// </remarks>
    public async Task<string> UniqueFromTitleAsync(string title, Guid articleId, CancellationToken cancellationToken)
    {
        var slug = SlugGenerator.FromTitle(title);
        if (slug.Length == 0)
        {
            slug = "bai-viet";
        }

        // The numbered variants as a range of the slug indexes (slugs compare bytewise, collation C): a prefix match on
        // a parameter would read every slug, which an import of a large archive pays on every article.
        var (from, to) = UniqueSlugs.VariantRange(slug);
        var taken = await db.LockThenReadAsync(AdvisoryLocks.ArticleSlug, slug, """
            SELECT slug FROM articles WHERE id <> $1 AND (slug = $2 OR (slug >= $3 AND slug < $4))
            UNION ALL
            SELECT slug FROM article_slug_redirects WHERE article_id <> $1 AND (slug = $2 OR (slug >= $3 AND slug < $4))
            """, [articleId, slug, from, to], row => row.GetString(0), cancellationToken);
        return UniqueSlugs.FirstFree(slug, taken.ToHashSet());
    }

    /// <summary>The other article that uses the slug, now or as a former slug; null when it is free.</summary>
    public Task<Guid?> HolderAsync(string slug, Guid? articleId, CancellationToken cancellationToken) =>
        SlugHolders(articleId).Where(h => h.Slug == slug).Select(h => (Guid?)h.ArticleId).FirstOrDefaultAsync(cancellationToken);

    private IQueryable<SlugHolder> SlugHolders(Guid? articleId) =>
        db.Articles.Where(a => a.Id != articleId).Select(a => new SlugHolder { Slug = a.Slug, ArticleId = a.Id })
            .Concat(db.ArticleSlugRedirects.Where(r => r.ArticleId != articleId).Select(r => new SlugHolder { Slug = r.Slug, ArticleId = r.ArticleId }));

    // A member-initialised class rather than a positional record: EF translates what follows the set operation
    // (h.Slug, h.ArticleId) only through property assignments it can see.
    private sealed class SlugHolder
    {
        public required string Slug { get; init; }

        public Guid ArticleId { get; init; }
    }
}
