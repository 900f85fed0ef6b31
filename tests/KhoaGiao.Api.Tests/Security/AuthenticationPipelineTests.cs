using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Security;

/// <summary>
/// Authentication runs for requests that carry an <c>Authorization</c> header, once, and not at all for anonymous
/// ones (delivery reads and the hit beacon). It counts the calls to <see cref="IAuthenticationService"/>: one
/// authentication is two calls, the default policy scheme's and the API-key or bearer scheme it forwards to.
/// </summary>
public sealed class AuthenticationPipelineTests : ApiTest
{
    [Test]
    public async Task Authentication_runs_once_for_requests_with_credentials_and_never_for_anonymous_ones()
    {
        var counter = new Counter();
        await using var counted = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var original = services.Last(s => s.ServiceType == typeof(IAuthenticationService));
            services.Remove(original);
            services.AddScoped<IAuthenticationService>(provider => new CountingAuthenticationService(
                (IAuthenticationService)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!), counter));
        }));

        using var anonymous = counted.CreateDefaultClient();
        var hit = await anonymous.PostAsJsonAsync("/api/v1/hits", new { visitorId = Guid.NewGuid() });
        var list = await anonymous.GetAsync("/api/v1/articles");
        Assert.That(hit.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(counter.Authentications, Is.Zero, "anonymous requests");

        using var admin = counted.CreateDefaultClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        var articles = await admin.GetAsync("/api/v1/admin/articles");
        Assert.That(articles.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(counter.Authentications, Is.EqualTo(2), "one request with an API key");

        using var unknown = counted.CreateDefaultClient();
        unknown.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", "kg_not-a-key");
        var refused = await unknown.GetAsync("/api/v1/admin/articles");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(counter.Authentications, Is.EqualTo(4), "and one with an unknown key");
    }

    private sealed class Counter
    {
        private int _authentications;

        public int Authentications => Volatile.Read(ref _authentications);

        public void Add() => Interlocked.Increment(ref _authentications);
    }

    private sealed class CountingAuthenticationService(IAuthenticationService inner, Counter counter) : IAuthenticationService
    {
        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
        {
            counter.Add();
            return inner.AuthenticateAsync(context, scheme);
        }

        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
            inner.ChallengeAsync(context, scheme, properties);

        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
            inner.ForbidAsync(context, scheme, properties);

        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) =>
            inner.SignInAsync(context, scheme, principal, properties);

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
            inner.SignOutAsync(context, scheme, properties);
    }
}
