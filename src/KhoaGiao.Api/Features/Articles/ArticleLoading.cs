using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Loads an article for a write, with what its snapshot and slug history need.</summary>
public static class ArticleLoading
{
    /// <summary>
    /// Locks the article's row for the caller's transaction, then loads it. Writers of one article queue here, so
    /// the second of two editors saving the same version sees the first one's version and gets a 412, rather than
    /// both racing to add the next revision.
    /// </summary>
    public static async Task<Article?> ArticleForWriteAsync(this KhoaGiaoDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Load an article for a write inside a transaction.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM articles WHERE id = {id} FOR UPDATE", cancellationToken);
        return await db.Articles
            .Include(a => a.Category)
            .Include(a => a.Tags)
            .Include(a => a.SlugRedirects)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }
}
