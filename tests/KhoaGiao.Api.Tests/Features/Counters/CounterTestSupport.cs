using System.Net.Http.Json;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Tests.TestHost;
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

    /// <summary>An article published a minute ago (on the suite's clock), through the suite's instance; its id.</summary>
    public static async Task<Guid> PublishedArticleAsync(string title)
    {
        using var admin = TestDatabase.Factory.CreateDefaultClient(new IfMatchHandler());
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        return (await ArticleBuilder.CreatePublishedAsync(admin, title, TestDatabase.Factory.Clock.GetUtcNow().AddMinutes(-1)))["id"]!.GetValue<Guid>();
    }

    public static async Task FlushAsync(IServiceProvider services) =>
        Assert.That(await services.GetRequiredService<HitFlusher>().FlushAsync(CancellationToken.None), Is.True, "the flush failed");
}
