using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Data.Demo;

/// <summary>
/// Loads the demo content: the seed page (a real page of a provincial portal, kept as text beside this file) as a
/// published article, linked to the event it reports (see <see cref="DemoEventSeeder"/>). The page gives no year
/// for "Chiều 16/8"; 2023 is assumed. Idempotent: what is already there (found by slug or name) is left alone.
/// </summary>
public sealed class DemoContentSeeder(
    KhoaGiaoDbContext db, DemoEventSeeder events, ArticleTaxonomy taxonomy, ArticleBodySanitizer sanitizer, ChangeLog changes,
    TimeProvider clock)
{
    public const string SeedSlug = "toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam";

    private const string ViewsPrefix = "Lượt xem:";
    private const string SourceLine = "Nguồn Báo Hà Nam";

    // A photo caption on the page is a short line between paragraphs; the shortest real paragraph is far longer.
    private const int MaxCaptionWords = 25;

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly DateTimeOffset PublishedAt = new(2023, 8, 16, 18, 0, 0, TimeSpan.FromHours(7));

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var page = Parse(await ReadFixtureAsync());

        // Like any other write, the demo content enters the change log with itself, so the feed starts with it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var eventId = await events.SeedAsync(page.Title, cancellationToken);
        if (await db.Articles.AnyAsync(a => a.Slug == SeedSlug, cancellationToken))
        {
            return;
        }

        var organisations = await db.Organisations.Select(o => ChangedItem.Organisation(o.Id)).ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var (category, tags) = await taxonomy.FindOrCreateAsync("Hoạt động khoa giáo", ["Khoa giáo", "Tọa đàm", "Hà Nam"], cancellationToken);
        var article = new Article
        {
            Slug = SeedSlug,
            Title = page.Title,
            Summary = page.Lead,
            Body = sanitizer.Sanitize(page.BodyHtml),
            CoverImageUrl = "/media/2023/08/toa-dam-khoa-giao-1.jpg",
            Category = category,
            Tags = tags,
            Source = new ArticleSource { Name = "Báo Hà Nam", Key = ArticleSource.KeyOf("Báo Hà Nam") },
            EventId = eventId,
            ViewTotal = new ArticleViewTotal { Views = page.Views },
            CreatedAt = PublishedAt.ToUniversalTime(),
            UpdatedAt = now,
        };
        article.Apply(ArticleAction.Publish, now, PublishedAt);
        db.Articles.Add(article);
        await changes.SaveAsync(
            [ChangedItem.Article(article.Id), ChangedItem.Event(eventId), .. organisations, .. taxonomy.TakeCreated()], cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Statistics of the new words at once (autovacuum waits for 50 rows), so that the demo's search already
        // corrects a misspelt word (Features/Search/SearchStatistics).
        await db.Database.ExecuteSqlRawAsync("ANALYZE articles", cancellationToken);
    }

    /// <summary>What the seed page holds as an article.</summary>
    public sealed record SeedPage(string Title, string Lead, string BodyHtml, int Views);

    /// <summary>Reads the article out of the page text, leaving the slider, widgets and login behind.</summary>
    public static SeedPage Parse(string pageText)
    {
        var lines = VietnameseText.Nfc(pageText).Split('\n').Select(l => l.Trim()).ToList();
        var viewsIndex = lines.FindIndex(l => l.StartsWith(ViewsPrefix, StringComparison.Ordinal));
        var sourceIndex = lines.FindIndex(l => l == SourceLine);
        var title = lines[..viewsIndex].Last(l => l.Length > 0);
        var views = int.Parse(lines[viewsIndex][ViewsPrefix.Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var paragraphs = lines[(viewsIndex + 1)..sourceIndex].Where(l => l.Length > 0).ToList();

        var body = new StringBuilder();
        var photo = 0;
        foreach (var paragraph in paragraphs.Skip(1))
        {
            var text = Html.Encode(paragraph);
            if (paragraph.Split(' ').Length <= MaxCaptionWords)
            {
                photo++;
                body.Append($"<figure><img src=\"/media/2023/08/toa-dam-khoa-giao-{photo}.jpg\" alt=\"{text}\"><figcaption>{text}</figcaption></figure>");
            }
            else
            {
                body.Append($"<p>{text}</p>");
            }
        }

        return new SeedPage(title, paragraphs[0], body.ToString(), views);
    }

    private static async Task<string> ReadFixtureAsync()
    {
        await using var stream = typeof(DemoContentSeeder).Assembly.GetManifestResourceStream("KhoaGiao.Api.Data.Demo.seed-article.txt")
            ?? throw new InvalidOperationException("The demo fixture is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
