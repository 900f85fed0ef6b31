using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using KhoaGiao.Api.Features.Accounts;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Security;

/// <summary>Password guessing from one address: the production limits hold, and a failure gives nothing away.</summary>
public sealed class LoginFloodTests : ApiTest
{
    private const string Login = "/api/v1/auth/login";

    [Test]
    public async Task A_thousand_sign_in_attempts_in_a_minute_from_one_address_are_at_least_95_percent_429s_with_Retry_After()
    {
        await using var production = WithProductionLimits();
        using var client = production.CreateClient();

        var answers = new List<HttpResponseMessage>();
        foreach (var chunk in Enumerable.Range(0, 1000).Chunk(50))
        {
            answers.AddRange(await Task.WhenAll(chunk.Select(i => client.SendAsync(Attempt(i)))));
        }

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.That(refused.Count, Is.GreaterThanOrEqualTo(950), $"{refused.Count} of 1000 refused");
        Assert.That(refused.All(a => a.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }), Is.True, "every 429 says when to retry");
        Assert.That(refused.All(a => a.Content.Headers.ContentType?.MediaType == "application/problem+json"), Is.True);
        Assert.That(answers.Where(a => a.StatusCode != HttpStatusCode.TooManyRequests).Select(a => a.StatusCode),
            Is.All.EqualTo(HttpStatusCode.Unauthorized), "the attempts let through were checked and failed");
    }

    [Test]
    public async Task Changing_the_email_the_body_or_a_forwarded_address_opens_no_new_bucket()
    {
        // A client on the internet, not the loopback proxy the in-memory server presents by default: the service
        // believes X-Forwarded-For only from loopback and the proxies it is told of.
        var attacker = IPAddress.Parse("198.51.100.9");
        var perAddress = new AccountsOptions().LoginAttemptsPerMinutePerIp;
        await using var production = WithProductionLimits().WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter>(new ClientAddress(attacker))));
        using var client = production.CreateClient();
        for (var i = 0; i < perAddress; i++)
        {
            Assert.That(await SendAsync(client, Guess(i)), Is.EqualTo((401, false)), $"attempt {i} within the limit");
        }

        var variants = new (string Body, string? Header, string? Value)[]
        {
            (Guess(10_000), null, null),
            ("{\"email\":\"  KHAC@KHOAGIAO.TEST \",\"password\":\"sai\",\"extra\":1}", null, null),
            ("{\"password\":\"sai\",\"email\":\"thu-tu-khac@khoagiao.test\"}", null, null),
            (Guess(10_001), "X-Forwarded-For", "203.0.113.7"),
            (Guess(10_002), "X-Forwarded-For", "127.0.0.1"),
            (Guess(10_003), "X-Real-IP", "203.0.113.8"),
        };
        foreach (var (body, header, value) in variants)
        {
            Assert.That(await SendAsync(client, body, header, value), Is.EqualTo((429, true)), $"{header}: {value} {body}");
        }
    }

    [Test]
    public async Task A_known_and_an_unknown_email_get_the_same_answer_in_the_same_time()
    {
        using var admin = Admin();
        await UserBuilder.CreateAsync(admin, "bientap@khoagiao.test", Roles.Editor);
        using var client = Factory.CreateClient();
        var known = new List<double>();
        var unknown = new List<double>();
        var bodies = new HashSet<string>();

        for (var i = 0; i < 110; i++)
        {
            foreach (var (email, times) in new[] { ("bientap@khoagiao.test", known), ($"khong-ai-{i}@khoagiao.test", unknown) })
            {
                var watch = Stopwatch.StartNew();
                var answer = await client.PostAsJsonAsync(Login, new { email, password = "Sai-Mat-Khau-2024!" });
                watch.Stop();
                Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
                var problem = await ReadJsonAsync(answer);
                problem.Remove("traceId");
                bodies.Add(problem.ToJsonString());
                if (i >= 10)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        Assert.That(bodies, Has.Count.EqualTo(1), "one answer for every failure");
        var gap = Math.Abs(Median(known) - Median(unknown));
        Assert.That(gap, Is.LessThan(25), $"median known {Median(known):F1} ms, unknown {Median(unknown):F1} ms");
    }

    /// <summary>The suite's app with the sign-in limits it ships with, instead of the suite's generous ones.</summary>
    private static WebApplicationFactory<Program> WithProductionLimits()
    {
        var defaults = new AccountsOptions();
        return Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Accounts:LoginAttemptsPerMinutePerIp", defaults.LoginAttemptsPerMinutePerIp.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Accounts:LoginAttemptsPerMinutePerAccount", defaults.LoginAttemptsPerMinutePerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static HttpRequestMessage Attempt(int i) =>
        new(HttpMethod.Post, Login) { Content = JsonContent.Create(new { email = $"doan-{i}@khoagiao.test", password = $"doan-mat-khau-{i}" }) };

    private static string Guess(int i) => $"{{\"email\":\"doan-{i}@khoagiao.test\",\"password\":\"doan-mat-khau-{i}\"}}";

    /// <summary>A sign-in attempt; answers its status and whether it carried Retry-After.</summary>
    private static async Task<(int Status, bool RetryAfter)> SendAsync(HttpClient client, string json, string? header = null, string? value = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Login) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        var answer = await client.SendAsync(request);
        return ((int)answer.StatusCode, answer.Headers.RetryAfter is not null);
    }

    /// <summary>Makes every request come from one address, ahead of the service's own forwarded-header handling.</summary>
    private sealed class ClientAddress(IPAddress address) : IStartupFilter
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

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
