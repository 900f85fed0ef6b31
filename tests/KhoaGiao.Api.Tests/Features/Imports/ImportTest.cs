using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Imports;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Features.Imports;

/// <summary>Base of the import tests: a news site on loopback (<see cref="SourceServer"/>) and the fixture files.</summary>
public abstract class ImportTest : ApiTest
{
    private SourceServer? _server;

    protected SourceServer Server => _server ?? throw new InvalidOperationException("The source server is not started.");

    [OneTimeSetUp]
    public async Task StartSourceServerAsync() => _server = await SourceServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopSourceServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected static string FixturePath(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Features", "Imports", "Fixtures", name);

    protected static byte[] Fixture(string name) => File.ReadAllBytes(FixturePath(name));

    protected static ImportSource Source(ImportKind kind, string location, string name = "Báo Hà Nam", bool publish = true,
        string? category = null, bool allowPrivateAddress = true, DateTimeOffset? since = null) => new()
    {
        Name = name,
        Kind = kind,
        Location = location,
        Publish = publish,
        Category = category,
        AllowPrivateAddress = allowPrivateAddress,
        Since = since,
    };

    protected static async Task<(ImportOutcome Outcome, ImportProgress Progress)> ImportAsync(
        ImportSource source, bool dryRun = false, bool restart = false, IServiceProvider? services = null)
    {
        var progress = new ImportProgress();
        var importer = (services ?? Factory.Services).GetRequiredService<ArticleImporter>();
        var outcome = await importer.RunAsync(source, new ImportRunSettings(ImportTrigger.Command, 4, dryRun, restart), progress, CancellationToken.None);
        return (outcome, progress);
    }

    /// <summary>The articles of a source as stored, with their category and tags, by external id.</summary>
    protected static Task<Dictionary<string, Article>> ArticlesOfAsync(string source = "Báo Hà Nam") =>
        QueryAsync(db => db.Articles.AsNoTracking().Include(a => a.Category).Include(a => a.Tags)
            .Where(a => a.Source.Key == ArticleSource.KeyOf(source))
            .ToDictionaryAsync(a => a.Source.ExternalId!));

    protected static void AssertCounts(ImportProgress progress, int created = 0, int updated = 0, int unchanged = 0, int skipped = 0, int failed = 0) =>
        Assert.That(
            (progress.Created, progress.Updated, progress.Unchanged, progress.Skipped, progress.Failed),
            Is.EqualTo((created, updated, unchanged, skipped, failed)),
            string.Join("; ", progress.Failures.Select(f => $"{f.Position} {f.ExternalId}: {f.Reason}")));
}
