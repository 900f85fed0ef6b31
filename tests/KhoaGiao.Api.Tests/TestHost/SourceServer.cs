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
/// A news site for the import tests: Kestrel on a free loopback port serving the documents a test puts at a path
/// (feeds, WordPress API pages), and recording every request. A path not served answers 404.
/// </summary>
public sealed class SourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);

    private SourceServer(WebApplication app) => _app = app;

    public sealed record Request(string PathAndQuery, string UserAgent, int AnsweredWith);

    public ConcurrentQueue<Request> Requests { get; } = new();

    public int Port { get; private set; }

    /// <summary>The URL of <paramref name="path"/> on this server (on 127.0.0.1, a private address).</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> (path and query, as requested) with this content type.</summary>
    public void Serve(string path, byte[] body, string contentType, IReadOnlyDictionary<string, string>? headers = null) =>
        _routes[path] = async context =>
        {
            context.Response.ContentType = contentType;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.Body.WriteAsync(body);
        };

    public void Serve(string path, string body, string contentType, IReadOnlyDictionary<string, string>? headers = null) =>
        Serve(path, System.Text.Encoding.UTF8.GetBytes(body), contentType, headers);

    /// <summary>Answers <paramref name="path"/> as <paramref name="respond"/> says.</summary>
    public void Serve(string path, Func<HttpContext, Task> respond) => _routes[path] = respond;

    public static async Task<SourceServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SourceServer(app);
        app.Run(async context =>
        {
            var path = context.Request.Path + context.Request.QueryString;
            if (server._routes.TryGetValue(path, out var respond))
            {
                await respond(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }

            server.Requests.Enqueue(new Request(path, context.Request.Headers.UserAgent.ToString(), context.Response.StatusCode));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
