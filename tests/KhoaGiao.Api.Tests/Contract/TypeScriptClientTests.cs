using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Text;
using KhoaGiao.Api.Data.Demo;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// A news portal written in strict TypeScript against the types generated from <c>openapi/khoagiao.v1.json</c>
/// (<c>tests/clients/src/portal.ts</c>) reads the real service over a real socket. That it compiled at all proves the
/// document lets a strict client read what it needs; this test proves what it read is true.
/// </summary>
public sealed class TypeScriptClientTests : ApiTest
{
    /// <summary>Four articles besides the demo one: with the portal's page size of 2, the list takes three pages.</summary>
    private const int ExtraArticles = 4;

    [Test]
    public async Task Strict_typescript_portal_reads_the_demo_content_pages_through_the_list_and_counts_a_view()
    {
        var portal = NodeTools.Built(Path.Combine("tests", "clients", "dist", "portal.js"));

        await using var app = new KhoaGiaoApiFactory(TestDatabase.ConnectionString);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        Uri baseAddress;
        using (var client = app.CreateClient())
        {
            baseAddress = client.BaseAddress!;
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoContentSeeder>().SeedAsync(CancellationToken.None);
        }

        // Written through the instance the portal reads, so they are published by its clock.
        using (var admin = app.CreateDefaultClient(baseAddress, new IfMatchHandler()))
        {
            admin.DefaultRequestHeaders.Authorization = new("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
            for (var i = 1; i <= ExtraArticles; i++)
            {
                await ArticleBuilder.CreatePublishedAsync(admin, $"Tin khoa giáo số {i}");
            }
        }

        var run = await NodeTools.RunAsync([portal, baseAddress.ToString().TrimEnd('/')], TimeSpan.FromSeconds(60));

        Assert.That(run.ExitCode, Is.EqualTo(0), $"portal.js failed:\n{run.Error}\n{run.Output}");
        var article = await QueryAsync(db => db.Articles.SingleAsync(a => a.Slug == DemoContentSeeder.SeedSlug));
        var eventTitle = await QueryAsync(db => db.Events.Where(e => e.Slug == DemoEventSeeder.EventSlug).Select(e => e.Title).SingleAsync());
        var published = await QueryAsync(db => db.Articles.CountAsync(a => a.Status == ArticleStatus.Published));
        Assert.That(published, Is.EqualTo(ExtraArticles + 1));
        var lines = run.Output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(5), run.Output);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo($"article: {article.Title}"));
            Assert.That(lines[1], Is.EqualTo($"articles listed: {published}"));
            Assert.That(lines[2], Is.EqualTo($"event: {eventTitle}"));
            Assert.That(lines[3], Does.Match("^stats: online=[0-9]+ today=[0-9]+ thisWeek=[0-9]+ total=[0-9]+$"));
            Assert.That(lines[4], Is.EqualTo("hit: 202"));
        });

        // The beacon was a real view: the demo article's 407 views became 408.
        await app.Services.GetRequiredService<HitFlusher>().FlushAsync(CancellationToken.None);
        var views = await QueryAsync(db => db.ArticleViewTotals.Where(v => v.ArticleId == article.Id).Select(v => v.Views).SingleAsync());
        Assert.That(views, Is.EqualTo(408));
    }
}

/// <summary>Runs the Node programs of <c>tests/clients</c>, which its npm step installs and builds.</summary>
internal static class NodeTools
{
    public const string NpmStep = "run `npm ci && npm run build` in tests/clients (deploy/test.sh does it before the tests)";

    /// <summary>The absolute path of a file the npm step makes (relative to the repository); fails the test when it is missing.</summary>
    public static string Built(string relativePath)
    {
        var path = Path.Combine(TestDatabase.RepositoryRoot(), relativePath);
        if (!File.Exists(path))
        {
            Assert.Fail($"{relativePath.Replace('\\', '/')} is missing: {NpmStep}. If that step printed TypeScript errors, the "
                + "OpenAPI document does not let a strict client compile; fix the document, not the client.");
        }

        return path;
    }

    /// <summary>Runs <c>node</c> with these arguments in the repository root; fails the test when node cannot be started or hangs.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = TestDatabase.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        Process? started = null;
        try
        {
            started = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"Could not start node ({e.Message}): install Node.js 20 or later, then {NpmStep}.");
        }

        using var process = started ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s.\n{await error}\n{await output}");
        }

        return (process.ExitCode, await output, await error);
    }
}
