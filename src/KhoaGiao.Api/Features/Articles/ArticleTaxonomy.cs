using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Features.Taxonomy;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Finds or creates the category and tags an article names. They are read first, as they nearly always exist (one
/// round trip); the missing ones are created with one <c>INSERT … ON CONFLICT DO NOTHING</c> per table and read again,
/// so two editors tagging at once with a new tag both succeed and share one row. The categories and tags it creates
/// are new items for the change log; an article joining or leaving an existing one is not a change of it (like views,
/// its article count is not a change), so busy writers do not all rewrite the change-log row of one category.
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

    public async Task<Category?> CategoryAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var (slug, cleanName) = (SlugGenerator.FromTitle(name), name.Trim());
        if (await db.Categories.SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken) is { } existing)
        {
            return existing;
        }

        var id = Guid.CreateVersion7();
        if (await db.Database.ExecuteSqlAsync(
            $"INSERT INTO categories (id, slug, name) VALUES ({id}, {slug}, {cleanName}) ON CONFLICT (slug) DO NOTHING",
            cancellationToken) > 0)
        {
            _created.Add(new ChangedItem(ChangeType.Category, id));
        }

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

        var slugs = wanted.Select(t => t.Slug).ToArray();
        var found = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        var missing = wanted.Where(t => !found.Exists(f => f.Slug == t.Slug)).ToArray();
        if (missing.Length == 0)
        {
            return found;
        }

        var ids = missing.Select(_ => Guid.CreateVersion7()).ToArray();
        var missingSlugs = missing.Select(t => t.Slug).ToArray();
        var tagNames = missing.Select(t => t.Name).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO tags (id, slug, name) SELECT * FROM unnest({ids}, {missingSlugs}, {tagNames}) ON CONFLICT (slug) DO NOTHING",
            cancellationToken);
        var added = await db.Tags.Where(t => missingSlugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        _created.AddRange(added.Where(t => ids.Contains(t.Id)).Select(t => new ChangedItem(ChangeType.Tag, t.Id)));
        return [.. found, .. added];
    }
}
