using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Features.Taxonomy;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Finds or creates the category and tags an article names. They are read first, together, as they nearly always
/// exist (one round trip); the missing ones are created with one <c>INSERT … ON CONFLICT DO NOTHING</c> per table and
/// read again, so two editors tagging at once with a new tag both succeed and share one row. The categories and tags it
/// creates are new items for the change log; an article joining or leaving an existing one is not a change of it (like
/// views, its article count is not a change), so busy writers do not all rewrite the change-log row of one category.
/// </summary>
public sealed class ArticleTaxonomy(KhoaGiaoDbContext db)
{
    private readonly List<ChangedItem> _created = [];

    /// <summary>The categories and tags created since the last call, for the write's change record.</summary>
    public IReadOnlyList<ChangedItem> TakeCreated()
    {
        var created = _created.ToList();
        _created.Clear();
        return created;
    }

    /// <summary>
    /// The category named <paramref name="category"/> (null for none) and the tags named, by slug, tracked by the
    /// context; those missing are created.
    /// </summary>
    public async Task<(Category? Category, List<Tag> Tags)> FindOrCreateAsync(
        string? category, IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        var wantedCategory = string.IsNullOrWhiteSpace(category) ? null : new Named(SlugGenerator.FromTitle(category), category.Trim());
        var wantedTags = tags
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => new Named(SlugGenerator.FromTitle(n), n.Trim()))
            .DistinctBy(t => t.Slug)
            // One order for every writer: two transactions inserting the same new tags then wait on each other in
            // turn rather than each holding one the other needs (a deadlock), as parallel batch items otherwise could.
            .OrderBy(t => t.Slug, StringComparer.Ordinal)
            .ToArray();
        if (wantedCategory is null && wantedTags.Length == 0)
        {
            return (null, []);
        }

        var (foundCategory, foundTags) = await ReadAsync(wantedCategory?.Slug, [.. wantedTags.Select(t => t.Slug)], cancellationToken);
        var resultCategory = wantedCategory is null ? null
            : foundCategory ?? await CreateCategoryAsync(wantedCategory, cancellationToken);
        var missing = wantedTags.Where(t => !foundTags.Exists(f => f.Slug == t.Slug)).ToArray();
        List<Tag> resultTags = missing.Length == 0 ? foundTags : [.. foundTags, .. await CreateTagsAsync(missing, cancellationToken)];
        return (resultCategory, resultTags);
    }

    private sealed record Named(string Slug, string Name);

    /// <summary>The category and the tags with these slugs, in one statement, as the entities the context tracks.</summary>
    private async Task<(Category? Category, List<Tag> Tags)> ReadAsync(string? categorySlug, string[] tagSlugs, CancellationToken cancellationToken)
    {
        var rows = await db.ReadLastAsync([("""
            SELECT true, id, slug, name FROM categories WHERE slug = $1
            UNION ALL
            SELECT false, id, slug, name FROM tags WHERE slug = ANY($2)
            """, [categorySlug, tagSlugs])],
            row => (IsCategory: row.GetBoolean(0), Id: row.GetGuid(1), Slug: row.GetString(2), Name: row.GetString(3)),
            cancellationToken);
        var categories = db.Categories.Local;
        var tags = db.Tags.Local;
        return (
            rows.Where(r => r.IsCategory).Select(r => categories.FindEntry(r.Id)?.Entity ?? Attached(new Category { Id = r.Id, Slug = r.Slug, Name = r.Name }))
                .FirstOrDefault(),
            [.. rows.Where(r => !r.IsCategory).Select(r => tags.FindEntry(r.Id)?.Entity ?? Attached(new Tag { Id = r.Id, Slug = r.Slug, Name = r.Name }))]);
    }

    /// <summary>A row read by hand, now tracked as unchanged.</summary>
    private T Attached<T>(T read) where T : class
    {
        db.Attach(read);
        return read;
    }

    private async Task<Category> CreateCategoryAsync(Named wanted, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        if (await db.Database.ExecuteSqlAsync(
            $"INSERT INTO categories (id, slug, name) VALUES ({id}, {wanted.Slug}, {wanted.Name}) ON CONFLICT (slug) DO NOTHING",
            cancellationToken) > 0)
        {
            _created.Add(new ChangedItem(ChangeType.Category, id));
        }

        return await db.Categories.SingleAsync(c => c.Slug == wanted.Slug, cancellationToken);
    }

    private async Task<List<Tag>> CreateTagsAsync(Named[] missing, CancellationToken cancellationToken)
    {
        var ids = missing.Select(_ => Guid.CreateVersion7()).ToArray();
        var missingSlugs = missing.Select(t => t.Slug).ToArray();
        var tagNames = missing.Select(t => t.Name).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO tags (id, slug, name) SELECT * FROM unnest({ids}, {missingSlugs}, {tagNames}) ON CONFLICT (slug) DO NOTHING",
            cancellationToken);
        var added = await db.Tags.Where(t => missingSlugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        _created.AddRange(added.Where(t => ids.Contains(t.Id)).Select(t => new ChangedItem(ChangeType.Tag, t.Id)));
        return added;
    }
}
