using System.Collections.Frozen;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Counters;

/// <summary>
/// The published articles (id → publish time) the beacon accepts views of, held in memory so a hit never waits
/// for the database. Reloaded after every change the change log reports (made by any instance) and at least every
/// <see cref="CountersOptions.PublishedArticlesRefreshSeconds"/>. While the database cannot be reached, the last
/// set keeps serving, and the reload is tried again after that interval.
/// </summary>
public sealed class PublishedArticles(
    IServiceScopeFactory scopes, ContentChanges changes, IOptions<CountersOptions> options, ILogger<PublishedArticles> logger)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _snapshot;

    private sealed record Snapshot(
        FrozenDictionary<Guid, DateTimeOffset> PublishedAt, FrozenDictionary<string, Guid> IdBySlug, long Version, long LoadedAtTicks);

    public async Task<bool> IsVisibleAsync(Guid articleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        return snapshot.PublishedAt.TryGetValue(articleId, out var publishedAt) && publishedAt <= now;
    }

    /// <summary>The id of the published article with this current slug (in any case), or null.</summary>
    public async Task<Guid?> VisibleBySlugAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        return snapshot.IdBySlug.TryGetValue(slug.ToLowerInvariant(), out var id)
            && snapshot.PublishedAt.TryGetValue(id, out var publishedAt) && publishedAt <= now
            ? id
            : null;
    }

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && IsFresh(snapshot))
        {
            return snapshot;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && IsFresh(snapshot))
            {
                return snapshot;
            }

            var version = changes.Version;
            try
            {
                var (publishedAt, idBySlug) = await LoadAsync(cancellationToken);
                snapshot = new Snapshot(publishedAt, idBySlug, version, Environment.TickCount64);
            }
            catch (Exception exception) when (snapshot is not null && exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not reload the published articles; keeping the last set for now.");
                snapshot = snapshot with { Version = version, LoadedAtTicks = Environment.TickCount64 };
            }

            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<(FrozenDictionary<Guid, DateTimeOffset> PublishedAt, FrozenDictionary<string, Guid> IdBySlug)> LoadAsync(
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var published = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published)
            .Select(a => new { a.Id, a.Slug, PublishedAt = a.PublishedAt!.Value })
            .ToListAsync(cancellationToken);
        return (published.ToFrozenDictionary(a => a.Id, a => a.PublishedAt), published.ToFrozenDictionary(a => a.Slug, a => a.Id, StringComparer.Ordinal));
    }

    private bool IsFresh(Snapshot snapshot) =>
        snapshot.Version == changes.Version
        && Environment.TickCount64 - snapshot.LoadedAtTicks < options.Value.PublishedArticlesRefreshSeconds * 1000L;
}
