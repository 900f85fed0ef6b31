using Microsoft.AspNetCore.OutputCaching;

namespace KhoaGiao.Api.Http;

/// <summary>Evicts cached delivery responses after a write, so readers see changes at once.</summary>
public static class ContentCache
{
    public static async Task EvictContentCacheAsync(this HttpContext context, CancellationToken cancellationToken) =>
        await context.RequestServices.GetRequiredService<IOutputCacheStore>()
            .EvictByTagAsync(HttpServices.ContentCacheTag, cancellationToken);
}
