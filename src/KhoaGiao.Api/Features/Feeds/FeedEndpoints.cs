using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Feeds;

public static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        var delivery = app.MapDeliveryGroup("/api/v1/feeds", "Feeds");
        delivery.MapGet("/articles.rss", ArticleFeeds.RssAsync).WithName("ArticlesRss")
            .WithSummary("The latest articles as RSS 2.0")
            .WithDescription(Description("RSS 2.0", "`content:encoded`", "Media RSS `media:content`", "`dc:creator`"))
            .Produces<string>(StatusCodes.Status200OK, ArticleFeeds.RssMediaType)
            .ProducesValidationProblem();
        delivery.MapGet("/articles.atom", ArticleFeeds.AtomAsync).WithName("ArticlesAtom")
            .WithSummary("The latest articles as Atom")
            .WithDescription(Description("Atom 1.0", "`content type=\"html\"`", "a `link rel=\"enclosure\"`", "`author`"))
            .Produces<string>(StatusCodes.Status200OK, ArticleFeeds.AtomMediaType)
            .ProducesValidationProblem();
        return app;
    }

    private static string Description(string format, string body, string cover, string author) =>
        $"The latest published articles (`limit`, default 50), newest first, as {format}, optionally of one category or tag (slugs). " +
        $"Each item: title, the portal page's link (`Site:PublicBaseUrl`), summary, the whole body as HTML in {body}, category and tags, " +
        $"{author} (the source's name, else `Site:Name`), the cover photo as {cover}, the article id as a stable GUID (`urn:uuid:…`), " +
        "and publish and update times in +07:00. UTF-8. Cached, with an ETag, like every delivery read.";
}
