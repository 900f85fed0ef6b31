using System.Net.Http.Json;
using KhoaGiao.Api.Features.Counters;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Features.Counters;

/// <summary>Sends beacons and flushes the buffer the way the background service would.</summary>
internal static class CounterTestSupport
{
    public static Task<HttpResponseMessage> HitAsync(HttpClient client, Guid? visitorId, Guid? articleId = null, string? userAgent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hits") { Content = JsonContent.Create(new { visitorId, articleId, path = "/tin-tuc" }) };
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return client.SendAsync(request);
    }

    public static async Task FlushAsync(IServiceProvider services) =>
        Assert.That(await services.GetRequiredService<HitFlusher>().FlushAsync(CancellationToken.None), Is.True, "the flush failed");
}
