using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>
/// An integrator's endpoint for the webhook tests: Kestrel on a free loopback port, reached by the service as
/// <see cref="TestHostResolver.ReceiverHost"/> (admitted in the tests' <c>Webhooks:AllowedHosts</c>). It records every
/// request and answers with <see cref="Status"/>, or as <see cref="Respond"/> says.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public sealed record Received(string Body, IReadOnlyDictionary<string, string> Headers, int AnsweredWith)
    {
        public string Id => Headers["webhook-id"];
    }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status every request is answered with (200 by default).</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    /// <summary>Answers requests instead of <see cref="Status"/> when set.</summary>
    public Func<HttpContext, Task>? Respond { get; set; }

    public int Port { get; private set; }

    /// <summary>The address of this receiver as a subscription names it.</summary>
    public string Url(string path = "/hooks/khoagiao") => $"http://{TestHostResolver.ReceiverHost}:{Port}{path}";

    /// <summary>The requests answered with a 2xx, in the order they came.</summary>
    public List<Received> Delivered => [.. Requests.Where(r => r.AnsweredWith is >= 200 and < 300)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            if (receiver.Respond is { } respond)
            {
                await respond(context);
            }
            else
            {
                context.Response.StatusCode = receiver.Status;
                await context.Response.WriteAsync("ok");
            }

            receiver.Requests.Enqueue(new Received(body, headers, context.Response.StatusCode));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Port = new Uri(address).Port;
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests have been answered with a 2xx, and returns them.</summary>
    public async Task<List<Received>> WaitForDeliveredAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (Delivered.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        return Delivered;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
