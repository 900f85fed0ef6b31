using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Loads an article for a write, with what its snapshot and slug history need.</summary>
public static class ArticleLoading
{
    public static Task<Article?> ArticleForWriteAsync(this KhoaGiaoDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Articles
            .Include(a => a.Category)
            .Include(a => a.Tags)
            .Include(a => a.SlugRedirects)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
}
