using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Taxonomy;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Finds or creates the category and tags an article names. Creation is one <c>INSERT … ON CONFLICT DO NOTHING</c>
/// per table, so two editors tagging at once with a new tag both succeed and share one row.
/// </summary>
public sealed class ArticleTaxonomy(KhoaGiaoDbContext db)
{
    public async Task<Category?> CategoryAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var (slug, cleanName) = (SlugGenerator.FromTitle(name), name.Trim());
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO categories (id, slug, name) VALUES ({Guid.CreateVersion7()}, {slug}, {cleanName}) ON CONFLICT (slug) DO NOTHING",
            cancellationToken);
        return await db.Categories.SingleAsync(c => c.Slug == slug, cancellationToken);
    }

    public async Task<List<Tag>> TagsAsync(IEnumerable<string>? names, CancellationToken cancellationToken)
    {
        var wanted = (names ?? [])
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => (Slug: SlugGenerator.FromTitle(n), Name: n.Trim()))
            .DistinctBy(t => t.Slug)
            // One order for every writer: two transactions inserting the same new tags then wait on each other in
            // turn rather than each holding one the other needs (a deadlock), as parallel batch items otherwise could.
            .OrderBy(t => t.Slug, StringComparer.Ordinal)
            .ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }

        var ids = wanted.Select(_ => Guid.CreateVersion7()).ToArray();
        var slugs = wanted.Select(t => t.Slug).ToArray();
        var tagNames = wanted.Select(t => t.Name).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO tags (id, slug, name) SELECT * FROM unnest({ids}, {slugs}, {tagNames}) ON CONFLICT (slug) DO NOTHING",
            cancellationToken);
        return await db.Tags.Where(t => slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
    }
}
