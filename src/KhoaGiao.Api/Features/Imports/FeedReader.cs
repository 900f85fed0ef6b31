using System.Globalization;
using System.Runtime.CompilerServices;
using System.ServiceModel.Syndication;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using KhoaGiao.Api.Features.Articles;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// Reads an RSS 2.0 or Atom 1.0 feed with <see cref="SyndicationFeed"/>. The whole document is parsed before the
/// first item is given, so a malformed feed imports nothing. An item becomes an article with its title, summary
/// (RSS <c>description</c> or Atom <c>summary</c> as plain text, when the full text comes separately), body
/// (<c>content:encoded</c> or Atom <c>content</c>, else the description), link, cover (<c>media:content</c>,
/// <c>media:thumbnail</c> or an image enclosure), and categories as tags; its id at the source is its guid (Atom id),
/// else its link.
/// </summary>
public sealed partial class FeedReader(ImportDocuments documents)
{
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string MediaNamespace = "http://search.yahoo.com/mrss/";

    public async IAsyncEnumerable<ImportItem> ReadAsync(
        ImportSource source, int startAt, ImportProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (items, feedBase, textIsHtml) = await LoadAsync(source, cancellationToken);
        progress.SetTotal(items.Count);
        for (var position = startAt; position < items.Count; position++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var item = ItemOf(position, items[position]!, source, feedBase, textIsHtml);

            // An item given is let go: a large feed's memory goes down as the import goes on.
            items[position] = null;
            yield return item;
        }
    }

    /// <summary>
    /// The feed's items, the address its relative links are read against, and whether its text is HTML (RSS says
    /// nothing of its text's type and carries HTML by custom; Atom says "text" when it means text). The document's
    /// bytes and the feed object are not kept.
    /// </summary>
    private async Task<(List<SyndicationItem?> Items, Uri? Base, bool TextIsHtml)> LoadAsync(ImportSource source, CancellationToken cancellationToken)
    {
        var document = await documents.GetAsync(source.Location, source.AllowPrivateAddress, cancellationToken);
        var formatter = Parse(document, source.Location);
        var feed = formatter.Feed;
        var feedBase = feed.BaseUri is { IsAbsoluteUri: true } declared ? declared
            : document.Address ?? feed.Links.FirstOrDefault(l => l.Uri.IsAbsoluteUri)?.Uri;
        return ([.. feed.Items], feedBase, formatter is Rss20FeedFormatter);
    }

    /// <summary>
    /// Reads the feed in <paramref name="document"/> (the formatter holds it, and says which format it was): decoded by the charset its server declared when it declared one and
    /// the bytes carry no byte-order mark (RFC 7303 §3.2), else as the XML declaration says (Windows-1258 included).
    /// DTDs are ignored and no external entity is ever fetched.
    /// </summary>
    private static SyndicationFeedFormatter Parse(ImportDocuments.Document document, string location)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            CloseInput = true,
        };
        var hasBom = document.Bytes is [0xEF, 0xBB, 0xBF, ..] or [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..];
        try
        {
            using var reader = ImportDocuments.EncodingOf(document.Charset) is { } declared && !hasBom
                ? XmlReader.Create(new StreamReader(new MemoryStream(document.Bytes), declared, detectEncodingFromByteOrderMarks: false), settings)
                : XmlReader.Create(new MemoryStream(document.Bytes), settings);
            reader.MoveToContent();
            SyndicationFeedFormatter formatter = reader.LocalName == "feed"
                ? new Atom10FeedFormatter { DateTimeParser = TryParseDate }
                : new Rss20FeedFormatter { DateTimeParser = TryParseDate, PreserveElementExtensions = true };
            if (!formatter.CanRead(reader))
            {
                throw new ImportSourceException(
                    $"{location} is not an RSS 2.0 or Atom 1.0 feed (its root element is <{reader.Name}>).");
            }

            formatter.ReadFrom(reader);
            return formatter;
        }
        catch (Exception exception) when (exception is XmlException or ArgumentException or FormatException)
        {
            throw new ImportSourceException($"{location} is not a well-formed feed: {exception.Message} Nothing was imported from it.", exception);
        }
    }

    private static ImportItem ItemOf(int position, SyndicationItem item, ImportSource source, Uri? feedBase, bool textIsHtml)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.GetAbsoluteUri();
        var linkUrl = ImportedHtml.AbsoluteUrl(link?.OriginalString, feedBase);
        var externalId = (string.IsNullOrWhiteSpace(item.Id) ? linkUrl : item.Id)?.Trim();
        if (string.IsNullOrEmpty(externalId))
        {
            return ImportItem.Unreadable(position, null, "The item has neither a guid (id) nor a link to identify it by.");
        }

        var baseUri = linkUrl is not null ? new Uri(linkUrl) : item.BaseUri is { IsAbsoluteUri: true } itemBase ? itemBase : feedBase;
        var summary = Text(item.Summary, textIsHtml);
        var fullText = item.ElementExtensions.ReadElementExtensions<string>("encoded", ContentNamespace).FirstOrDefault()
            ?? Text(item.Content, textIsHtml);
        var body = fullText ?? summary;
        var request = new UpsertArticleRequest
        {
            Title = ImportedHtml.PlainText(item.Title?.Text),
            Summary = fullText is null ? null : ImportedHtml.PlainText(summary),
            Body = body is null ? null : ImportedHtml.Body(body, baseUri),
            CoverImageUrl = ImportedHtml.AbsoluteUrl(CoverOf(item), baseUri),
            Category = source.Category?.Trim(),
            Tags = ImportedHtml.Tags(item.Categories.Select(c => string.IsNullOrWhiteSpace(c.Label) ? c.Name : c.Label)),
            Source = new ArticleSourceRequest { Name = source.Name.Trim(), Url = linkUrl, ExternalId = externalId },
        };
        var published = item.PublishDate != DateTimeOffset.MinValue ? item.PublishDate
            : item.LastUpdatedTime != DateTimeOffset.MinValue ? item.LastUpdatedTime
            : (DateTimeOffset?)null;
        return new ImportItem(position, externalId, request, published);
    }

    /// <summary>Content as HTML: text content (Atom's <c>type="text"</c>) escaped, unless the format's text is HTML.</summary>
    private static string? Text(SyndicationContent? content, bool textIsHtml) => content switch
    {
        TextSyndicationContent { Type: "text" or "plaintext" } text when !textIsHtml => System.Net.WebUtility.HtmlEncode(text.Text),
        TextSyndicationContent text => text.Text,
        _ => null,
    };

    private static string? CoverOf(SyndicationItem item)
    {
        var media = item.ElementExtensions
            .Where(e => e.OuterNamespace == MediaNamespace && e.OuterName is "content" or "thumbnail" or "group")
            .Select(e => e.GetObject<XElement>())
            .SelectMany(e => e.Name.LocalName == "group" ? e.Elements() : [e])
            .Where(e => e.Name.LocalName is "content" or "thumbnail"
                && ((string?)e.Attribute("medium") is null or "image")
                && ((string?)e.Attribute("type") is not { } type || type.StartsWith("image/", StringComparison.OrdinalIgnoreCase)))
            .OrderBy(e => e.Name.LocalName == "content" ? 0 : 1)
            .Select(e => (string?)e.Attribute("url"))
            .FirstOrDefault(url => !string.IsNullOrWhiteSpace(url));
        return media ?? item.Links
            .FirstOrDefault(l => l.RelationshipType == "enclosure" && l.MediaType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true)
            ?.GetAbsoluteUri()?.OriginalString;
    }

    /// <summary>
    /// Reads a feed's date leniently: RFC 822 (with a numeric zone, <c>GMT</c>/<c>UT</c>/<c>Z</c>, or a North
    /// American zone name), RFC 3339, and the other spellings .NET reads. A date no rule reads becomes
    /// <see cref="DateTimeOffset.MinValue"/> (no date) instead of failing the whole feed, which
    /// <see cref="SyndicationFeedFormatter"/> would do for one bad <c>pubDate</c>.
    /// </summary>
    private static bool TryParseDate(XmlDateTimeData data, out DateTimeOffset date)
    {
        var text = data.DateTimeString.Trim();
        var zone = ZoneName().Match(text);
        if (zone.Success)
        {
            var offset = zone.Groups["name"].Value.ToUpperInvariant() switch
            {
                "GMT" or "UT" or "UTC" or "Z" => "+00:00",
                "EST" => "-05:00", "EDT" => "-04:00", "CST" => "-06:00", "CDT" => "-05:00",
                "MST" => "-07:00", "MDT" => "-06:00", "PST" => "-08:00", "PDT" => "-07:00",
                "ICT" => "+07:00",
                _ => null,
            };
            text = offset is null ? text : text[..zone.Index] + " " + offset;
        }

        text = NumericZone().Replace(text, "$1$2:$3");
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out date))
        {
            date = DateTimeOffset.MinValue;
        }

        return true;
    }

    [GeneratedRegex(@"\s+(?<name>[A-Za-z]{1,3})$")]
    private static partial Regex ZoneName();

    [GeneratedRegex(@"\s([+-])(\d{2})(\d{2})$")]
    private static partial Regex NumericZone();
}
