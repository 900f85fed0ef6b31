using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Loads an article for a write, with what its snapshot needs (its slug history is loaded by a change of slug).</summary>
public static class ArticleLoading
{
    /// <summary>
    /// Locks the article's row for the caller's transaction, then loads it. Writers of one article queue here, so
    /// the second of two editors saving the same version sees the first one's version and gets a 412, rather than
    /// both racing to add the next revision.
    /// </summary>
    public static async Task<Article?> ArticleForWriteAsync(this KhoaGiaoDbContext db, Guid id, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM articles WHERE id = {id} FOR UPDATE", cancellationToken);
        return await LoadAsync(db, id, cancellationToken);
    }

    /// <summary>
    /// Loads for writing the article that came from this source (folded name, see <see cref="ArticleSource.KeyOf"/>)
    /// with this external id, or returns null, holding until the transaction ends an advisory lock on that identity.
    /// Two writers of the same new source article therefore queue: the second finds the article the first created
    /// instead of inserting a twin. Taking the lock in its own statement matters: a statement's snapshot is taken when
    /// it starts, so a look-up that waited for the lock inside one statement would still miss the first one's row.
    /// </summary>
    public static async Task<Article?> ArticleForSourceWriteAsync(
        this KhoaGiaoDbContext db, string sourceKey, string externalId, CancellationToken cancellationToken)
    {
        RequireTransaction(db);

        // The folded name holds no line break (white space is collapsed to single spaces), so the pair hashes unambiguously.
        var ids = await db.LockThenReadAsync(AdvisoryLocks.ArticleSource, sourceKey + "\n" + externalId,
            "SELECT id FROM articles WHERE source_key = $1 AND source_external_id = $2 FOR UPDATE",
            [sourceKey, externalId], row => row.GetGuid(0), cancellationToken);
        return ids.Count == 0 ? null : await LoadAsync(db, ids[0], cancellationToken);
    }

    private static void RequireTransaction(KhoaGiaoDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Load an article for a write inside a transaction.");
        }
    }

    /// <summary>
    /// One query: the row comes once per tag (a handful), which costs less than a second round trip to a database
    /// across a network. A statement of its own after the lock, so it reads what the writer before committed.
    /// </summary>
    private static Task<Article?> LoadAsync(KhoaGiaoDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Articles
            .Include(a => a.Category)
            .Include(a => a.Tags)
            .AsSingleQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
}
