using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Site;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Feeds;

/// <summary>
/// The latest published articles as RSS 2.0 and Atom 1.0, for feed readers and aggregators, made with
/// System.ServiceModel.Syndication: each item with its title, the portal page's link, the summary, the whole body
/// (<c>content:encoded</c> in RSS, <c>content type="html"</c> in Atom), category and tags, the author (the source it
/// came from, else the site), the cover photo (Media RSS in RSS, an enclosure link in Atom), the article id as a
/// stable GUID, and times in Vietnam's offset. The same articles, in the same order, as the first page of
/// <c>GET /api/v1/articles</c> with the same filters.
/// </summary>
public static class ArticleFeeds
{
    public const string RssMediaType = "application/rss+xml";
    public const string AtomMediaType = "application/atom+xml";
    public const string RssContentType = RssMediaType + "; charset=utf-8";
    public const string AtomContentType = AtomMediaType + "; charset=utf-8";

    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
    private static readonly XNamespace AtomNamespace = "http://www.w3.org/2005/Atom";

    private static readonly FileExtensionContentTypeProvider MediaTypes = new();

    /// <summary>Asia/Ho_Chi_Minh, which keeps one offset all year.</summary>
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static Task<IResult> RssAsync(
        [AsParameters] ArticleFeedQuery query, HttpContext http, KhoaGiaoDbContext db, ArticleReads reads, DeliveredBodies bodies, IMapper mapper,
        IOptions<SiteOptions> site, TimeProvider clock, CancellationToken cancellationToken) =>
        FeedAsync(query, http, db, reads, bodies, mapper, site.Value, clock, atom: false, cancellationToken);

    public static Task<IResult> AtomAsync(
        [AsParameters] ArticleFeedQuery query, HttpContext http, KhoaGiaoDbContext db, ArticleReads reads, DeliveredBodies bodies, IMapper mapper,
        IOptions<SiteOptions> site, TimeProvider clock, CancellationToken cancellationToken) =>
        FeedAsync(query, http, db, reads, bodies, mapper, site.Value, clock, atom: true, cancellationToken);

    private static async Task<IResult> FeedAsync(
        ArticleFeedQuery query, HttpContext http, KhoaGiaoDbContext db, ArticleReads reads, DeliveredBodies bodies, IMapper mapper, SiteOptions site,
        TimeProvider clock, bool atom, CancellationToken cancellationToken)
    {
        var articles = await bodies.FillAsync(await reads.Matching(db, new ArticleListFilter(query.Category, query.Tag), clock.GetUtcNow())
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(query.Limit ?? 50)
            .ProjectTo<ArticleResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken), cancellationToken);

        var request = http.Request;
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var feed = Feed(articles, site, origin, new Uri(origin + request.Path + request.QueryString), atom);
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            (atom ? (SyndicationFeedFormatter)new Atom10FeedFormatter(feed) : new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false))
                .WriteTo(xml);
        }

        return TypedResults.Bytes(buffer.ToArray(), atom ? AtomContentType : RssContentType);
    }

    private static SyndicationFeed Feed(List<ArticleResponse> articles, SiteOptions site, string origin, Uri self, bool atom)
    {
        var home = new Uri(site.PublicBaseUrl ?? origin + "/");
        var feed = new SyndicationFeed(Xml(site.Name), Xml(site.Description ?? site.Name), home)
        {
            Id = self.AbsoluteUri,
            Language = "vi",
            // The newest change among the items, not the time of the request: the same articles make the same bytes,
            // and so the same ETag.
            LastUpdatedTime = articles.Count == 0 ? DateTimeOffset.UnixEpoch.ToOffset(Vietnam) : articles.Max(a => a.UpdatedAt).ToOffset(Vietnam),
            Generator = "KhoaGiao.Api",
        };
        if (atom)
        {
            feed.Links.Add(SyndicationLink.CreateSelfLink(self, AtomMediaType));
        }
        else
        {
            // RSS 2.0 has no self link; feed validators ask for Atom's.
            feed.AttributeExtensions.Add(new XmlQualifiedName("atom", XNamespace.Xmlns.NamespaceName), AtomNamespace.NamespaceName);
            feed.ElementExtensions.Add(new XElement(AtomNamespace + "link",
                new XAttribute("href", self.AbsoluteUri), new XAttribute("rel", "self"), new XAttribute("type", RssMediaType)));
            feed.AttributeExtensions.Add(new XmlQualifiedName("content", XNamespace.Xmlns.NamespaceName), Content.NamespaceName);
            feed.AttributeExtensions.Add(new XmlQualifiedName("dc", XNamespace.Xmlns.NamespaceName), DublinCore.NamespaceName);
            feed.AttributeExtensions.Add(new XmlQualifiedName("media", XNamespace.Xmlns.NamespaceName), Media.NamespaceName);
        }

        feed.Items = articles.Select(a => Item(a, site, origin, atom)).ToList();
        return feed;
    }

    private static SyndicationItem Item(ArticleResponse article, SiteOptions site, string origin, bool atom)
    {
        var item = new SyndicationItem
        {
            Id = $"urn:uuid:{article.Id}",
            Title = new TextSyndicationContent(Xml(article.Title)),
            PublishDate = article.PublishedAt.ToOffset(Vietnam),
            LastUpdatedTime = article.UpdatedAt.ToOffset(Vietnam),
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(article.Url ?? $"{origin}/api/v1/articles/{article.Slug}")));
        if (article.Summary is { Length: > 0 } summary)
        {
            item.Summary = new TextSyndicationContent(Xml(summary));
        }

        foreach (var name in new[] { article.Category?.Name }.Concat(article.Tags.Select(t => t.Name)).OfType<string>())
        {
            item.Categories.Add(new SyndicationCategory(Xml(name)));
        }

        var author = Xml(article.Source.Name ?? site.Name);
        var body = Xml(article.Body);
        // A cover stored as a site path stays one without a media host, and a feed reader could not fetch it (on Unix,
        // Uri would even read "/media/x.jpg" as a file URL): only http(s) covers go out.
        var cover = Uri.TryCreate(article.CoverImageUrl, UriKind.Absolute, out var coverUri) && coverUri.Scheme is "http" or "https"
            ? coverUri
            : null;
        if (atom)
        {
            item.Content = SyndicationContent.CreateHtmlContent(body);
            item.Authors.Add(new SyndicationPerson { Name = author });
            if (cover is not null)
            {
                item.Links.Add(new SyndicationLink(cover, "enclosure", null, ImageType(cover), 0));
            }
        }
        else
        {
            item.ElementExtensions.Add(new XElement(Content + "encoded", new XCData(body)));
            item.ElementExtensions.Add(new XElement(DublinCore + "creator", author));
            if (cover is not null)
            {
                item.ElementExtensions.Add(new XElement(Media + "content",
                    new XAttribute("url", cover.AbsoluteUri), new XAttribute("medium", "image"), new XAttribute("type", ImageType(cover))));
            }
        }

        return item;
    }

    /// <summary>
    /// The text without the characters XML 1.0 cannot hold (control characters other than tab and line breaks, lone
    /// surrogates), which the API stores as sent but no feed may carry.
    /// </summary>
    private static string Xml(string text)
    {
        StringBuilder? kept = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]);
            if (XmlConvert.IsXmlChar(text[i]) || pair)
            {
                kept?.Append(text, i, pair ? 2 : 1);
            }
            else
            {
                kept ??= new StringBuilder(text.Length).Append(text, 0, i);
            }

            i += pair ? 1 : 0;
        }

        return kept?.ToString() ?? text;
    }

    /// <summary>The media type of a photo, by its file's extension as ASP.NET Core's static files read it (JPEG when it names no image type).</summary>
    private static string ImageType(Uri photo) =>
        MediaTypes.TryGetContentType(photo.AbsolutePath, out var type) && type.StartsWith("image/", StringComparison.Ordinal) ? type : "image/jpeg";
}
