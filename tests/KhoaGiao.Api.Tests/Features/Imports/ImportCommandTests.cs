using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Imports;
using KhoaGiao.Api.Tests.TestHost;
using Npgsql;
using Spectre.Console;

namespace KhoaGiao.Api.Tests.Features.Imports;

public sealed class ImportCommandTests : ImportTest
{
    [Test]
    public void The_command_line_reads_every_option()
    {
        var (line, error) = ImportCommandLine.Parse(["--source", "Báo Hà Nam", "--rss", "https://baohanam.example/rss", "--category", "Tin tổng hợp",
            "--publish", "--since", "2024-01-31", "--dry-run", "--concurrency", "8", "--delay-ms", "500", "--allow-private-address", "--restart"]);

        Assert.That(error, Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That((line!.Source.Name, line.Source.Kind, line.Source.Location, line.Source.Category),
                Is.EqualTo(("Báo Hà Nam", ImportKind.Rss, "https://baohanam.example/rss", "Tin tổng hợp")));
            Assert.That((line.Source.Publish, line.Source.AllowPrivateAddress, line.DryRun, line.Restart), Is.EqualTo((true, true, true, true)));
            Assert.That(line.Source.Since, Is.EqualTo(new DateTimeOffset(2024, 1, 31, 0, 0, 0, TimeSpan.FromHours(7))), "a date is midnight in Việt Nam");
            Assert.That((line.Concurrency, line.DelayMilliseconds), Is.EqualTo(((int?)8, (int?)500)));
        });
    }

    [TestCase(new[] { "--rss", "https://x.example/rss" }, "needs a name")]
    [TestCase(new[] { "--source", "A" }, "needs a location")]
    [TestCase(new[] { "--source", "A", "--rss", "https://x.example/rss", "--atom", "https://x.example/atom" }, "Give one of")]
    [TestCase(new[] { "--source", "A", "--wordpress", "/var/www" }, "site's http(s) URL")]
    [TestCase(new[] { "--source", "A", "--jsonl", "https://x.example/a.jsonl" }, "reads a file")]
    [TestCase(new[] { "--source", "A", "--rss", "/no/such/feed.xml" }, "No such file")]
    [TestCase(new[] { "--source", "A", "--rss", "https://x.example/rss", "--concurrency", "0" }, "from 1 to 32")]
    [TestCase(new[] { "--source", "A", "--rss", "https://x.example/rss", "--since", "hôm qua" }, "--since needs a date")]
    [TestCase(new[] { "--source", "A", "--rss", "https://x.example/rss", "--publsh" }, "Unknown argument: --publsh")]
    public void A_wrong_command_line_is_refused_with_what_is_wrong(string[] args, string message)
    {
        var (line, error) = ImportCommandLine.Parse(args);

        Assert.That(line, Is.Null);
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public async Task The_command_prints_progress_a_summary_and_every_failure_and_exits_1_when_items_failed()
    {
        var (output, exit) = await RunAsync("--source", "Cổng cũ", "--jsonl", FixturePath("articles.jsonl"), "--publish");

        Assert.That(exit, Is.EqualTo(ImportCommand.ItemsFailed));
        Assert.That(output, Does.Contain("Importing Cổng cũ from"));
        Assert.That(output, Does.Match(@"imported: seen=5 created=2 updated=0 unchanged=0 failed=3 skipped=0 seconds=\d+\.\d\d rate=\d+\.\d items/s"));
        Assert.That(output, Does.Contain("failed: item 2: Line 4 is not an article request"));
        Assert.That(output, Does.Contain("failed: item 3 (old-4): title:"));
        Assert.That(output, Does.Match(@"run [0-9a-f-]{36}: CompletedWithFailures"));
    }

    [Test]
    public async Task A_clean_import_exits_0_and_a_source_that_cannot_be_read_exits_2()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), "application/rss+xml");
        Server.Serve("/broken", Fixture("malformed.rss.xml"), "application/rss+xml");

        var (_, clean) = await RunAsync("--source", "Báo Hà Nam", "--rss", Server.Url("/rss"), "--allow-private-address");
        var (output, broken) = await RunAsync("--source", "Báo Hà Nam", "--rss", Server.Url("/broken"), "--allow-private-address");

        Assert.That(clean, Is.EqualTo(ImportCommand.Succeeded));
        Assert.That(broken, Is.EqualTo(ImportCommand.SourceFailed));
        Assert.That(output, Does.Contain("error: ").And.Contain("is not a well-formed feed"));
        Assert.That(output, Does.Contain("resumes where this one stopped"));
    }

    [Test]
    public async Task A_source_being_imported_elsewhere_is_not_imported_twice()
    {
        Server.Serve("/rss", Fixture("baohanam.rss.xml"), "application/rss+xml");
        var location = Server.Url("/rss");
        await using var other = new NpgsqlConnection(TestDatabase.ConnectionString);
        await other.OpenAsync();
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock($1, hashtext($2))", other)
        {
            Parameters = { new() { Value = AdvisoryLocks.ImportSource }, new() { Value = ArticleSource.KeyOf("Báo Hà Nam") + "\n" + location } },
        })
        {
            await hold.ExecuteNonQueryAsync();
        }

        var (output, exit) = await RunAsync("--source", "Báo Hà Nam", "--rss", location, "--allow-private-address");

        Assert.That(exit, Is.EqualTo(ImportCommand.SourceFailed));
        Assert.That(output, Does.Contain("Another import of Báo Hà Nam from " + location + " is running."));
        Assert.That(await QueryAsync(db => Task.FromResult(db.Articles.Count() + db.ImportRuns.Count())), Is.Zero);
    }

    private static async Task<(string Output, int ExitCode)> RunAsync(params string[] args)
    {
        var (line, error) = ImportCommandLine.Parse(args);
        Assert.That(error, Is.Null);
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 1000;
        var exit = await ImportCommand.ExecuteAsync(Factory.Services, line!, console, CancellationToken.None);
        return (writer.ToString(), exit);
    }
}
