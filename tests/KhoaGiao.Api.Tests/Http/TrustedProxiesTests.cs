using System.Globalization;
using System.Net;
using System.Text;
using KhoaGiao.Api.Features.Accounts;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>
/// <c>Http:TrustedProxies</c> by address or by range: a trusted proxy's <c>X-Forwarded-For</c> decides whose sign-in
/// bucket a request counts in; anyone else's is ignored.
/// </summary>
public sealed class TrustedProxiesTests : ApiTest
{
    private static readonly IPAddress Proxy = IPAddress.Parse("198.51.100.9");

    [TestCase("198.51.100.9", true)]
    [TestCase("198.51.100.0/24", true)]
    [TestCase("192.0.2.0/24", false)]
    public async Task A_proxys_forwarded_address_is_believed_when_its_address_or_network_is_trusted(string trusted, bool believed)
    {
        var perAddress = new AccountsOptions().LoginAttemptsPerMinutePerIp;
        await using var app = Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Accounts:LoginAttemptsPerMinutePerIp", perAddress.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Http:TrustedProxies:0", trusted)
            .ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new ConnectionFrom(Proxy))));
        using var client = app.CreateClient();

        for (var i = 0; i < perAddress; i++)
        {
            Assert.That(await SignInAsync(client, i, "203.0.113.7"), Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {i} within the limit");
        }

        Assert.That(await SignInAsync(client, perAddress, "203.0.113.7"), Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await SignInAsync(client, perAddress + 1, "203.0.113.8"),
            Is.EqualTo(believed ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests),
            believed ? "another client behind the proxy has a bucket of its own" : "an untrusted sender cannot pick its address");
    }

    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, int attempt, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = new StringContent($"{{\"email\":\"proxy-{attempt}@khoagiao.test\",\"password\":\"sai-mat-khau-{attempt}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Makes every connection come from <paramref name="address"/>, ahead of the forwarded-header handling.</summary>
    private sealed class ConnectionFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}
