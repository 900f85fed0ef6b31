using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Features.Media;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Data.Demo;

/// <summary>
/// Loads the demo content: the seed page (a real page of a provincial portal, kept as text beside this file) as a
/// published article, linked to the event it reports (see <see cref="DemoEventSeeder"/>). The page gives no year
/// for "Chiều 16/8"; 2023 is assumed. The page's three photos are not part of it: placeholders of a photo's shape
/// (<see cref="DemoPhotos"/>) stand in for them in the media library, with the page's captions and a credit that says so.
/// Idempotent: what is already there (found by slug or name) is left alone.
/// </summary>
public sealed class DemoContentSeeder(
    KhoaGiaoDbContext db, DemoEventSeeder events, ArticleTaxonomy taxonomy, ArticleBodySanitizer sanitizer, ChangeLog changes,
    MediaUploads media, TimeProvider clock)
{
    public const string SeedSlug = "toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam";

    private const string ViewsPrefix = "Lượt xem:";
    private const string SourceLine = "Nguồn Báo Hà Nam";

    // A photo caption on the page is a short line between paragraphs; the shortest real paragraph is far longer.
    private const int MaxCaptionWords = 25;

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly DateTimeOffset PublishedAt = new(2023, 8, 16, 18, 0, 0, TimeSpan.FromHours(7));

    /// <summary>The placeholders' credit: they are not the newspaper's photos.</summary>
    public const string PhotoCredit = "Ảnh minh họa do hệ thống tạo cho bản demo, không phải ảnh gốc của Báo Hà Nam";

    private const int PhotoWidth = 1600;
    private const int PhotoHeight = 1067;

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

        var photos = new List<Guid>();
        foreach (var (caption, index) in page.Captions.Select((caption, index) => (caption, index)))
        {
            var (photo, problem) = await media.AddAsync(
                DemoPhotos.Jpeg(PhotoWidth, PhotoHeight, index), $"toa-dam-khoa-giao-{index + 1}.jpg",
                new MediaTexts(caption, caption, PhotoCredit, PublishedAt.AddHours(-3)), cancellationToken);
            photos.Add(problem is null ? photo!.Id : throw new InvalidOperationException("A demo photo was refused."));
        }

        var now = clock.GetUtcNow();
        var (category, tags) = await taxonomy.FindOrCreateAsync("Hoạt động khoa giáo", ["Khoa giáo", "Tọa đàm", "Hà Nam"], cancellationToken);
        var article = new Article
        {
            Slug = SeedSlug,
            Title = page.Title,
            Summary = page.Lead,
            Body = sanitizer.Sanitize(page.BodyHtml(photo => MediaFigures.Stored(photos[photo]))),
            CoverImageId = photos.FirstOrDefault() is var cover && cover != Guid.Empty ? cover : null,
            Figures = [.. photos.Distinct().Select(photo => new ArticleFigure { MediaId = photo })],
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

    /// <summary>What the seed page holds as an article: its paragraphs, and its photos' captions (a null paragraph is where the next photo goes).</summary>
    public sealed record SeedPage(string Title, string Lead, IReadOnlyList<string?> Paragraphs, IReadOnlyList<string> Captions, int Views)
    {
        /// <summary>The body as HTML, each photo given by <paramref name="figure"/> from its place among the photos (0, 1, 2).</summary>
        public string BodyHtml(Func<int, string> figure)
        {
            var body = new StringBuilder();
            var photo = 0;
            foreach (var paragraph in Paragraphs)
            {
                body.Append(paragraph is null ? figure(photo++) : $"<p>{Html.Encode(paragraph)}</p>");
            }

            return body.ToString();
        }
    }

    /// <summary>Reads the article out of the page text, leaving the slider, widgets and login behind.</summary>
    public static SeedPage Parse(string pageText)
    {
        var lines = VietnameseText.Nfc(pageText).Split('\n').Select(l => l.Trim()).ToList();
        var viewsIndex = lines.FindIndex(l => l.StartsWith(ViewsPrefix, StringComparison.Ordinal));
        var sourceIndex = lines.FindIndex(l => l == SourceLine);
        var title = lines[..viewsIndex].Last(l => l.Length > 0);
        var views = int.Parse(lines[viewsIndex][ViewsPrefix.Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var paragraphs = lines[(viewsIndex + 1)..sourceIndex].Where(l => l.Length > 0).ToList();

        var blocks = new List<string?>();
        var captions = new List<string>();
        foreach (var paragraph in paragraphs.Skip(1))
        {
            if (paragraph.Split(' ').Length <= MaxCaptionWords)
            {
                captions.Add(paragraph);
                blocks.Add(null);
            }
            else
            {
                blocks.Add(paragraph);
            }
        }

        return new SeedPage(title, paragraphs[0], blocks, captions, views);
    }

    private static async Task<string> ReadFixtureAsync()
    {
        await using var stream = typeof(DemoContentSeeder).Assembly.GetManifestResourceStream("KhoaGiao.Api.Data.Demo.seed-article.txt")
            ?? throw new InvalidOperationException("The demo fixture is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
