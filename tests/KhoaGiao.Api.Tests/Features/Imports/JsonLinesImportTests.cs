using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Imports;

namespace KhoaGiao.Api.Tests.Features.Imports;

public sealed class JsonLinesImportTests : ImportTest
{
    [Test]
    public async Task Lines_become_articles_and_a_bad_line_fails_alone_with_its_line_number()
    {
        var (outcome, progress) = await ImportAsync(Source(ImportKind.JsonLines, FixturePath("articles.jsonl"), name: "Cổng cũ"));

        Assert.That(outcome.Status, Is.EqualTo(ImportRunStatus.CompletedWithFailures));
        AssertCounts(progress, created: 2, failed: 3);
        var failures = progress.Failures.OrderBy(f => f.Position).ToList();
        Assert.That(failures.Select(f => f.Position), Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(failures[0].Reason, Does.StartWith("Line 4 is not an article request"));
        Assert.That(failures[1].ExternalId, Is.EqualTo("old-4"));
        Assert.That(failures[1].Reason, Does.StartWith("title:"));
        Assert.That(failures[2].Reason, Does.StartWith("Line 6 has no source.externalId"));

        var articles = await ArticlesOfAsync("Cổng cũ");
        Assert.That(articles.Keys, Is.EquivalentTo(new[] { "old-1", "old-2" }));
        Assert.Multiple(() =>
        {
            Assert.That(articles["old-1"].Category?.Name, Is.EqualTo("Lưu trữ"));
            Assert.That(articles["old-1"].Tags.Select(t => t.Name), Is.EqualTo(new[] { "Chuyển đổi" }));
            Assert.That(articles["old-1"].Source.Url, Is.EqualTo("https://cu.example/1"));
            Assert.That(articles["old-1"].PublishedAt, Is.EqualTo(new DateTimeOffset(2020, 5, 1, 1, 0, 0, TimeSpan.Zero)));
            Assert.That(articles["old-2"].Source.Name, Is.EqualTo("Cổng cũ"), "the import names the source a line leaves out");
            Assert.That(articles["old-2"].Status, Is.EqualTo(ArticleStatus.Published), "published now, having no time of its own");
        });
    }

    [Test]
    public async Task A_line_naming_another_source_is_refused_by_the_write()
    {
        var file = Path.Combine(Path.GetTempPath(), $"khoagiao-import-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, """{"title":"Bài lạc nguồn","body":"<p>x</p>","source":{"name":"Nguồn khác","externalId":"x-1"}}""");
        try
        {
            var (_, progress) = await ImportAsync(Source(ImportKind.JsonLines, file, name: "Cổng cũ"));

            AssertCounts(progress, failed: 1);
            Assert.That(progress.Failures.Single().Reason, Does.StartWith("400").And.Contain("source.name"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
