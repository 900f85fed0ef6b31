using KhoaGiao.Api.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// Writes an article's search columns (<see cref="ArticleSearchColumns"/>, computed by <see cref="SearchVectors"/>) in
/// the same statement as the article whenever its title, summary or body is written, so PostgreSQL's trigger has
/// nothing to compute; and deletes them with it (they share its row).
/// </summary>
public sealed class ArticleSearchInterceptor : SaveChangesInterceptor
{
    public static readonly ArticleSearchInterceptor Instance = new();

    private ArticleSearchInterceptor()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Index(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Index(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Index(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // SaveChanges detects every tracked entity's changes after this runs; detecting them all here too would double
        // that work on every save. Only the articles' changes matter here, so only they are detected.
        var tracker = context.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<Article>().ToList())
            {
                entry.DetectChanges();
                switch (entry.State)
                {
                    case EntityState.Added:
                    case EntityState.Modified when IsTextModified(entry):
                        Write(context, entry);
                        break;
                    case EntityState.Deleted when Tracked(context, entry.Entity.Id) is null:
                        Attach(context, entry, new ArticleSearchColumns { Id = entry.Entity.Id }).State = EntityState.Deleted;
                        break;
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static bool IsTextModified(EntityEntry<Article> entry) =>
        entry.Property(a => a.Title).IsModified || entry.Property(a => a.Summary).IsModified || entry.Property(a => a.Body).IsModified;

    private static void Write(DbContext context, EntityEntry<Article> entry)
    {
        var article = entry.Entity;
        var columns = SearchVectors.OfArticle(article.Id, article.Title, article.Summary, article.Body);
        if (Tracked(context, article.Id) is { } tracked)
        {
            tracked.CurrentValues.SetValues(columns);
        }
        else if (entry.State == EntityState.Added)
        {
            article.Search = columns;
            context.Entry(columns).State = EntityState.Added;
        }
        else
        {
            var attached = Attach(context, entry, columns);
            attached.Property(c => c.Vector).IsModified = true;
            attached.Property(c => c.Head).IsModified = true;
            attached.Property(c => c.Exact).IsModified = true;
        }
    }

    /// <summary>
    /// The columns attached unchanged for the article's row, with the row version the article was read at: EF checks
    /// it on every entity of the row (the article's <c>xmin</c>).
    /// </summary>
    private static EntityEntry<ArticleSearchColumns> Attach(DbContext context, EntityEntry<Article> article, ArticleSearchColumns columns)
    {
        var attached = context.Entry(columns);
        attached.State = EntityState.Unchanged;
        var version = article.Property(a => a.Version).OriginalValue;
        foreach (var token in attached.Properties.Where(p => p.Metadata.IsConcurrencyToken))
        {
            token.OriginalValue = version;
        }

        return attached;
    }

    private static EntityEntry<ArticleSearchColumns>? Tracked(DbContext context, Guid id) =>
        context.Set<ArticleSearchColumns>().Local.FindEntry(id);
}
