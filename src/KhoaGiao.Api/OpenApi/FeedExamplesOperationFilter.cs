using System.Text.Json.Nodes;
using KhoaGiao.Api.Features.Feeds;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KhoaGiao.Api.OpenApi;

/// <summary>An example document for each feed operation's response (<see cref="ArticleFeeds"/>), one item long, and its longest.</summary>
public sealed class FeedExamplesOperationFilter : IOperationFilter
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom"><title>Ban Tuyên giáo Tỉnh ủy Hà Nam</title><link>https://khoagiao.hanam.gov.vn/</link><description>Tin hoạt động khoa giáo, tọa đàm và hội nghị</description><language>vi</language><lastBuildDate>Wed, 16 Aug 2023 18:05:00 +0700</lastBuildDate><generator>KhoaGiao.Api</generator><atom:link href="https://api.khoagiao.hanam.gov.vn/api/v1/feeds/articles.rss" rel="self" type="application/rss+xml" /><item><guid isPermaLink="false">urn:uuid:01a2509d-269e-71da-97f2-4d694f257254</guid><link>https://khoagiao.hanam.gov.vn/bai-viet/toa-dam-nang-cao-chat-luong-cong-tac-khoa-giao</link><category>Hoạt động khoa giáo</category><category>Tọa đàm</category><title>Tọa đàm “Nâng cao chất lượng công tác khoa giáo”</title><description>Chiều 16/8, Ban Tuyên giáo Tỉnh ủy tổ chức tọa đàm.</description><pubDate>Wed, 16 Aug 2023 18:00:00 +0700</pubDate><content:encoded><![CDATA[<p>Chiều 16/8, Ban Tuyên giáo Tỉnh ủy tổ chức tọa đàm.</p>]]></content:encoded><dc:creator>Báo Hà Nam</dc:creator><media:content url="https://khoagiao.hanam.gov.vn/media/toa-dam.jpg" medium="image" type="image/jpeg" /></item></channel></rss>
        """;

    private const string Atom = """
        <?xml version="1.0" encoding="utf-8"?><feed xml:lang="vi" xmlns="http://www.w3.org/2005/Atom"><title type="text">Ban Tuyên giáo Tỉnh ủy Hà Nam</title><subtitle type="text">Tin hoạt động khoa giáo, tọa đàm và hội nghị</subtitle><id>https://api.khoagiao.hanam.gov.vn/api/v1/feeds/articles.atom</id><updated>2023-08-16T18:05:00+07:00</updated><generator>KhoaGiao.Api</generator><link rel="alternate" href="https://khoagiao.hanam.gov.vn/" /><link rel="self" type="application/atom+xml" href="https://api.khoagiao.hanam.gov.vn/api/v1/feeds/articles.atom" /><entry><id>urn:uuid:01a2509d-269e-71da-97f2-4d694f257254</id><title type="text">Tọa đàm “Nâng cao chất lượng công tác khoa giáo”</title><summary type="text">Chiều 16/8, Ban Tuyên giáo Tỉnh ủy tổ chức tọa đàm.</summary><published>2023-08-16T18:00:00+07:00</published><updated>2023-08-16T18:05:00+07:00</updated><author><name>Báo Hà Nam</name></author><link rel="alternate" href="https://khoagiao.hanam.gov.vn/bai-viet/toa-dam-nang-cao-chat-luong-cong-tac-khoa-giao" /><link rel="enclosure" type="image/jpeg" href="https://khoagiao.hanam.gov.vn/media/toa-dam.jpg" /><category term="Hoạt động khoa giáo" /><category term="Tọa đàm" /><content type="html">&lt;p&gt;Chiều 16/8, Ban Tuyên giáo Tỉnh ủy tổ chức tọa đàm.&lt;/p&gt;</content></entry></feed>
        """;

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse { Content: { } content })
        {
            return;
        }

        foreach (var (mediaType, example) in new[] { (ArticleFeeds.RssMediaType, Rss), (ArticleFeeds.AtomMediaType, Atom) })
        {
            if (content.TryGetValue(mediaType, out var media) && media is OpenApiMediaType typed)
            {
                typed.Example = JsonValue.Create(example);
                // At most 100 items, each no longer than twice its body (its summary, title and the rest are shorter).
                typed.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 * 2 * Features.Articles.ArticleRequestValidator.MaxBodyLength };
            }
        }
    }
}
