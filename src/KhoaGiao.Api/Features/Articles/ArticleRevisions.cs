using System.Security.Claims;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Adds a revision for each change to an article, in the same unit of work as the change.</summary>
public sealed class ArticleRevisions(KhoaGiaoDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>
    /// The latest revision this unit of work added, per article (reading the context's local view would detect changes
    /// over every tracked entity).
    /// </summary>
    private readonly Dictionary<Guid, ArticleRevision> _added = [];

    /// <summary>Records the article's content after a change; the article must be loaded with category and tags.</summary>
    public async Task AddAsync(Article article, string action, string? reason, CancellationToken cancellationToken, ClaimsPrincipal? actor = null)
    {
        var content = ArticleSnapshot.Of(article);
        var previous = await PreviousAsync(article, cancellationToken);
        var user = actor ?? http.HttpContext?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        var revision = new ArticleRevision
        {
            ArticleId = article.Id,
            Number = (previous?.Number ?? 0) + 1,
            CreatedAt = clock.GetUtcNow(),
            ActorId = signedIn ? user!.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            ActorName = signedIn ? user!.FindFirstValue(ClaimTypes.Name) : null,
            Action = action,
            ChangedFields = content.ChangedFrom(previous?.Content),
            Reason = reason,
            Content = content,
        };
        db.ArticleRevisions.Add(revision);
        _added[article.Id] = revision;
    }

    /// <summary>
    /// The latest revision, counting one added earlier in this unit of work and not saved yet (one call that creates
    /// and publishes makes two); an article not saved yet has none in the database.
    /// </summary>
    private async Task<ArticleRevision?> PreviousAsync(Article article, CancellationToken cancellationToken)
    {
        var pending = _added.GetValueOrDefault(article.Id);
        if (pending is not null || db.Entry(article).State == EntityState.Added)
        {
            return pending;
        }

        return await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == article.Id)
            .OrderByDescending(r => r.Number)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
