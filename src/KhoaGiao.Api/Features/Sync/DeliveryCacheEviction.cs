using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.OutputCaching;

namespace KhoaGiao.Api.Features.Sync;

/// <summary>Drops everything this process has cached from content, and tells in-memory views of content to reload.</summary>
public sealed class DeliveryCacheEviction(IOutputCacheStore cache, ContentChanges changes)
{
    public async ValueTask EvictAsync(CancellationToken cancellationToken)
    {
        changes.Changed();
        await cache.EvictByTagAsync(HttpServices.ContentCacheTag, cancellationToken);
    }
}
