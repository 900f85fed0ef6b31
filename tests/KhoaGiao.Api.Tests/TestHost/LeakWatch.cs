using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>
/// Reads every response the suite's instances send and notes any that shows the service's insides: a stack trace,
/// SQL or a PostgreSQL error, a file path, a .NET type name, or a <c>Server</c> header. <see cref="ApiTest"/> fails
/// the test during which one was sent. The OpenAPI document is left out: naming schemas is its job.
/// </summary>
public static partial class LeakWatch
{
    private static readonly ConcurrentQueue<string> Findings = new();
    private static long _inspected;

    /// <summary>How many responses the watch has read, so a test can show it is in the pipeline.</summary>
    public static long Inspected => Interlocked.Read(ref _inspected);

    /// <summary>What was found since the last call, emptied.</summary>
    public static List<string> Drain()
    {
        var found = new List<string>();
        while (Findings.TryDequeue(out var finding))
        {
            found.Add(finding);
        }

        return found;
    }

    /// <summary>
    /// The first thing in a response that reveals internals, or null. A drive letter before a JSON <c>\u</c> escape is
    /// an echoed value (<c>x:&amp;</c> is written <c>x:\u0026</c>), not a Windows path.
    /// </summary>
    public static string? LeakIn(string body)
    {
        var match = Revealing().Match(body);
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex("""
        \s+at\s+[A-Z][\w.`]+\.[\w<>`]+\(      # a stack frame: "   at KhoaGiao.Api.X.Method("
        |---\ End\ of\ (inner\ exception\ )?stack\ trace
        |\b(System|Microsoft|Npgsql|KhoaGiao|AutoMapper|FluentValidation)\.[A-Z]\w+(\.[A-Z]\w+)*(Exception|Error)\b
        |\bSELECT\s[^"]{1,200}?\sFROM\s|\bINSERT\sINTO\s|\bDELETE\sFROM\s|\bUPDATE\s\w+\sSET\s
        |\bSqlState\b|\bviolates\s(unique|foreign\ key|check)\sconstraint\b|\bsyntax\ error\ at\ or\ near\b|\b(pk|ix|fk|ck)_[a-z_]+\b
        |(/(home|root|usr|srv|opt|tmp|work|app)/[\w.-]+/)|[A-Za-z]:\\(?!u[0-9A-Fa-f]{4})[\w.-]+\\|\.cs:line\ \d+
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Revealing();

    /// <summary>Puts the watch in front of everything else in the pipeline.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(WatchAsync);
            next(app);
        };
    }

    private static async Task WatchAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/swagger"))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        Interlocked.Increment(ref _inspected);
        var where = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} → {context.Response.StatusCode}";
        if (context.Response.Headers.ContainsKey("Server"))
        {
            Findings.Enqueue($"{where}: a Server header ({context.Response.Headers.Server})");
        }

        var encoded = context.Response.Headers.ContentEncoding.Count > 0;
        if (!encoded && LeakIn(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)) is { } leak)
        {
            Findings.Enqueue($"{where}: \"{leak.Trim()}\"");
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    }
}
