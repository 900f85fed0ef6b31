using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>
/// Another instance of the service on the suite's database, as behind a load balancer. It reads the suite's clock, as
/// two servers read one wall clock: what one instance writes "now" is due on the other at once, and moving time moves
/// it for both.
/// </summary>
public sealed class SecondInstance : IAsyncDisposable
{
    private readonly KhoaGiaoApiFactory _factory;
    private readonly WebApplicationFactory<Program> _app;

    public SecondInstance()
    {
        _factory = new KhoaGiaoApiFactory(TestDatabase.ConnectionString);
        _app = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(TestDatabase.Factory.Clock))));
        _ = _app.Server;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>A client of this instance, anonymous or with the API key given.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = _app.CreateDefaultClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
        }

        return client;
    }

    /// <summary>A client of this instance that sends a staff account's bearer token.</summary>
    public HttpClient CreateBearerClient(string accessToken)
    {
        var client = _app.CreateDefaultClient(new IfMatchHandler());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
