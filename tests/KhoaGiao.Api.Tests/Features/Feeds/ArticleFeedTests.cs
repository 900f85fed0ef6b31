using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.Feeds;

public sealed partial class ArticleFeedTests : ApiTest
{
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
    private const string Body = "<p>Chiều 16/8, Ban Tuyên giáo Tỉnh ủy tổ chức Tọa đàm “Nâng cao chất lượng công tác khoa giáo”.</p>"
        + "<figure><img src=\"/media/toa-dam.jpg\" alt=\"Các đại biểu\"><figcaption>Các đại biểu dự tọa đàm.</figcaption></figure>";

    [Test]
    public async Task The_RSS_feed_holds_the_latest_published_articles_with_every_field_and_reads_back()
    {
        var (sourced, own) = await PublishTwoAsync();
        using var site = SiteHost();
        using var client = site.CreateClient();

        var response = await client.GetAsync("/api/v1/feeds/articles.rss");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("application/rss+xml; charset=utf-8"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        var feed = SyndicationFeed.Load(XmlReader.Create(new MemoryStream(bytes)));

        Assert.That(feed.Title.Text, Is.EqualTo("Ban Tuyên giáo Tỉnh ủy Hà Nam"));
        Assert.That(feed.Description.Text, Is.EqualTo("Tin khoa giáo"));
        Assert.That(feed.Language, Is.EqualTo("vi"));
        Assert.That(feed.Links.Select(l => l.Uri.AbsoluteUri), Does.Contain("https://khoagiao.hanam.gov.vn/"));
        Assert.That(feed.Items.Select(i => i.Title.Text), Is.EqualTo(new[] { "Tin của ban", "Tọa đàm từ Báo Hà Nam" }), "newest first, no draft");

        var item = feed.Items.Last();
        Assert.That(item.Id, Is.EqualTo($"urn:uuid:{sourced["id"]}"));
        Assert.That(item.Links.Single().Uri.AbsoluteUri, Is.EqualTo($"https://khoagiao.hanam.gov.vn/bai-viet/{sourced["slug"]}"));
        Assert.That(item.Summary.Text, Is.EqualTo("Tóm tắt tọa đàm."));
        Assert.That(item.Categories.Select(c => c.Name), Is.EquivalentTo(new[] { "Hoạt động khoa giáo", "Tọa đàm", "Khoa học" }));
        var extensions = item.ElementExtensions.Select(e => e.GetObject<XElement>()).ToList();
        Assert.That(extensions.Single(e => e.Name == Content + "encoded").Value,
            Is.EqualTo(Body.Replace("src=\"/media/", "src=\"https://cdn.hanam.gov.vn/media/")), "the whole body, photos on the media host");
        Assert.That(extensions.Single(e => e.Name == DublinCore + "creator").Value, Is.EqualTo("Báo Hà Nam"));
        var cover = extensions.Single(e => e.Name == Media + "content");
        Assert.That(cover.Attribute("url")!.Value, Is.EqualTo("https://cdn.hanam.gov.vn/media/bia.png"));
        Assert.That(cover.Attribute("type")!.Value, Is.EqualTo("image/png"));
        Assert.That(item.PublishDate, Is.EqualTo(DateTimeOffset.Parse("2023-08-16T18:00:00+07:00")));

        var own1 = feed.Items.First();
        Assert.That(own1.ElementExtensions.Select(e => e.GetObject<XElement>()).Single(e => e.Name == DublinCore + "creator").Value,
            Is.EqualTo("Ban Tuyên giáo Tỉnh ủy Hà Nam"), "an article of the site's own is by the site");
        Assert.That(own1.Id, Is.EqualTo($"urn:uuid:{own["id"]}"));

        // RFC 822 dates in Vietnam's offset, and the channel's required elements.
        var xml = XDocument.Parse(text);
        var channel = xml.Root!.Element("channel")!;
        Assert.That(xml.Root!.Attribute("version")!.Value, Is.EqualTo("2.0"));
        foreach (var required in new[] { "title", "link", "description", "lastBuildDate" })
        {
            Assert.That(channel.Element(required), Is.Not.Null, required);
        }

        Assert.That(channel.Elements("item").Select(i => i.Element("pubDate")!.Value),
            Has.All.Match(Rfc822()), "pubDate in RFC 822 with +0700");
        Assert.That(channel.Element("lastBuildDate")!.Value, Does.Match(Rfc822()));
        var self = channel.Element(XNamespace.Get("http://www.w3.org/2005/Atom") + "link")!;
        Assert.That(self.Attribute("rel")!.Value, Is.EqualTo("self"));
        Assert.That(self.Attribute("href")!.Value, Does.EndWith("/api/v1/feeds/articles.rss"));
        Assert.That(channel.Elements("item").Select(i => i.Element("guid")!.Attribute("isPermaLink")!.Value), Has.All.EqualTo("false"));
        Assert.That(text, Does.Contain("Tọa đàm từ Báo Hà Nam"), "Vietnamese as UTF-8 characters");
    }

    [Test]
    public async Task The_Atom_feed_holds_the_same_articles_with_html_content_authors_and_enclosures()
    {
        var (sourced, _) = await PublishTwoAsync();
        using var site = SiteHost();
        using var client = site.CreateClient();

        var response = await client.GetAsync("/api/v1/feeds/articles.atom?limit=1&tag=toa-dam");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("application/atom+xml; charset=utf-8"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var feed = SyndicationFeed.Load(XmlReader.Create(new MemoryStream(bytes)));

        Assert.That(feed.Id, Does.StartWith("http"));
        Assert.That(feed.LastUpdatedTime.Offset, Is.EqualTo(TimeSpan.FromHours(7)));
        Assert.That(feed.Links.Any(l => l.RelationshipType == "self"), "a self link");
        var item = feed.Items.Single();
        Assert.That(item.Id, Is.EqualTo($"urn:uuid:{sourced["id"]}"));
        var content = (TextSyndicationContent)item.Content;
        Assert.That(content.Type, Is.EqualTo("html"));
        Assert.That(content.Text, Does.Contain("Nâng cao chất lượng công tác khoa giáo").And.Contain("https://cdn.hanam.gov.vn/media/toa-dam.jpg"));
        Assert.That(item.Authors.Single().Name, Is.EqualTo("Báo Hà Nam"));
        Assert.That(item.Links.Single(l => l.RelationshipType == "enclosure").Uri.AbsoluteUri, Is.EqualTo("https://cdn.hanam.gov.vn/media/bia.png"));
        Assert.That(item.LastUpdatedTime.Offset, Is.EqualTo(TimeSpan.FromHours(7)));
        Assert.That(XDocument.Parse(Encoding.UTF8.GetString(bytes)).Root!.Name.NamespaceName, Is.EqualTo("http://www.w3.org/2005/Atom"));
    }

    [Test]
    public async Task Feeds_filter_by_category_and_link_to_the_API_when_the_portal_has_no_address()
    {
        await PublishTwoAsync();
        using var anonymous = Anonymous();

        var feed = await LoadAsync(anonymous, "/api/v1/feeds/articles.rss?category=hoat-dong-khoa-giao");
        Assert.That(feed.Items.Select(i => i.Title.Text), Is.EqualTo(new[] { "Tọa đàm từ Báo Hà Nam" }));
        Assert.That(feed.Items.Single().Links.Single().Uri.AbsolutePath, Does.StartWith("/api/v1/articles/"));
        Assert.That(feed.Items.Single().ElementExtensions.Select(e => e.GetObject<XElement>()).Where(e => e.Name == Media + "content"),
            Is.Empty, "a cover that is a site path, with no media host to serve it, is left out");
        Assert.That((await LoadAsync(anonymous, "/api/v1/feeds/articles.atom?category=khong-co")).Items, Is.Empty);
    }

    [Test]
    public async Task A_feed_has_an_ETag_answers_304_and_changes_when_an_article_does()
    {
        var (sourced, _) = await PublishTwoAsync();
        using var anonymous = Anonymous();

        var first = await anonymous.GetAsync("/api/v1/feeds/articles.rss");
        var eTag = first.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/feeds/articles.rss");
        conditional.Headers.IfNoneMatch.Add(eTag);
        Assert.That((await anonymous.SendAsync(conditional)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(first.Headers.CacheControl!.Public, Is.True);

        using var admin = Admin();
        var edited = await admin.PutAsJsonAsync(SourcePath, SourcedRequest("Tọa đàm từ Báo Hà Nam, đã sửa"));
        Assert.That((int)edited.StatusCode, Is.EqualTo(200));
        var second = await anonymous.GetAsync("/api/v1/feeds/articles.rss");
        Assert.That(second.Headers.ETag, Is.Not.EqualTo(eTag));
        Assert.That(await second.Content.ReadAsStringAsync(), Does.Contain("Tọa đàm từ Báo Hà Nam, đã sửa"));
        Assert.That(sourced["id"], Is.Not.Null);
    }

    [TestCase("/api/v1/feeds/articles.rss?limit=0")]
    [TestCase("/api/v1/feeds/articles.atom?limit=101")]
    [TestCase("/api/v1/feeds/articles.atom?limit=abc")]
    public async Task Bad_feed_input_gets_a_validation_problem_and_changes_nothing(string url)
    {
        await PublishTwoAsync();
        var before = await QueryAsync(db => db.Articles.AsNoTracking().Select(a => a.UpdatedAt).ToListAsync());
        using var anonymous = Anonymous();

        var response = await anonymous.GetAsync(url);
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await ReadJsonAsync(response))["errors"]!.AsObject().Select(e => e.Key), Does.Contain("limit"));
        Assert.That(await QueryAsync(db => db.Articles.AsNoTracking().Select(a => a.UpdatedAt).ToListAsync()), Is.EqualTo(before));
    }

    [TestCase("/api/v1/feeds/articles.rss")]
    [TestCase("/api/v1/feeds/articles.atom")]
    public async Task Characters_XML_cannot_hold_are_left_out_of_a_feed(string url)
    {
        using var admin = Admin();
        await ArticleBuilder.CreatePublishedAsync(admin, "Tin có ký tự \u0007 lạ\u001B 🎉");
        using var anonymous = Anonymous();

        var feed = await LoadAsync(anonymous, url);
        Assert.That(feed.Items.Single().Title.Text, Is.EqualTo("Tin có ký tự  lạ 🎉"), "control characters out, an emoji (a surrogate pair) kept");
    }

    [TestCase("/api/v1/feeds/articles.rss", "application/rss+xml")]
    [TestCase("/api/v1/feeds/articles.atom", "application/atom+xml")]
    public async Task The_documented_example_of_a_feed_is_a_feed(string path, string mediaType)
    {
        using var anonymous = Anonymous();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"))!;
        var example = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]![mediaType]!["example"]!.GetValue<string>();

        var feed = SyndicationFeed.Load(XmlReader.Create(new StringReader(example)));
        Assert.That(feed.Items.Single().Title.Text, Is.EqualTo("Tọa đàm “Nâng cao chất lượng công tác khoa giáo”"));
    }

    private const string SourcePath = "/api/v1/admin/articles/by-source/B%C3%A1o%20H%C3%A0%20Nam/bhn-1";

    private static object SourcedRequest(string title) => new
    {
        title,
        summary = "Tóm tắt tọa đàm.",
        body = Body,
        coverImageUrl = "/media/bia.png",
        category = "Hoạt động khoa giáo",
        tags = new[] { "Tọa đàm", "Khoa học" },
        publishedAt = DateTimeOffset.Parse("2023-08-16T18:00:00+07:00"),
    };

    /// <summary>An article from Báo Hà Nam with every field, one of the site's own published later, and a draft.</summary>
    private static async Task<(JsonObject Sourced, JsonObject Own)> PublishTwoAsync()
    {
        using var admin = Admin();
        var sourced = await admin.PutAsJsonAsync(SourcePath, SourcedRequest("Tọa đàm từ Báo Hà Nam"));
        Assert.That((int)sourced.StatusCode, Is.EqualTo(201), await sourced.Content.ReadAsStringAsync());
        var own = await ArticleBuilder.CreatePublishedAsync(admin, "Tin của ban", DateTimeOffset.Parse("2023-09-01T08:00:00+07:00"));
        await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp chưa đăng"));
        return ((await sourced.Content.ReadFromJsonAsync<JsonObject>())!, own);
    }

    private static WebApplicationFactory<Program> SiteHost() => Factory.WithWebHostBuilder(builder => builder
        .UseSetting("Site:PublicBaseUrl", "https://khoagiao.hanam.gov.vn")
        .UseSetting("Site:MediaBaseUrl", "https://cdn.hanam.gov.vn")
        .UseSetting("Site:Name", "Ban Tuyên giáo Tỉnh ủy Hà Nam")
        .UseSetting("Site:Description", "Tin khoa giáo"));

    private static async Task<SyndicationFeed> LoadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), url);
        return SyndicationFeed.Load(XmlReader.Create(await response.Content.ReadAsStreamAsync()));
    }

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0700$")]
    private static partial Regex Rfc822();
}
