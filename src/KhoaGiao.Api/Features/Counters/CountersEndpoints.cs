using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Counters;

public static class CountersEndpoints
{
    public const string StatsCachePolicy = "stats";

    public static IEndpointRouteBuilder MapCountersEndpoints(this IEndpointRouteBuilder app)
    {
        var beacon = app.MapDeliveryGroup("/api/v1", "Counters", outputCached: false);
        beacon.MapPost("/hits", RecordHit.HandleAsync).WithName(nameof(RecordHit))
            .WithSummary("Count a page view")
            .WithDescription("One page view by one visitor, and with `articleId` (or `articleSlug`) one view of that published article (counted once per visitor and article within the dedupe window). Answers 202 at once; counts reach the database within a second. Crawlers get 202 and are not counted. The body may be sent as `text/plain` holding the same JSON, as `navigator.sendBeacon(url, JSON.stringify(hit))` does, with no CORS preflight. 503 with `Retry-After` while the database cannot keep up.")
            .Accepts<RecordHitRequest>(RecordHitRequest.ContentTypes[0], RecordHitRequest.ContentTypes[1..])
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var delivery = app.MapDeliveryGroup("/api/v1", "Counters");
        delivery.MapGet("/stats/visitors", GetVisitorStats.HandleAsync).WithName(nameof(GetVisitorStats))
            .WithSummary("Visitor statistics")
            .WithDescription("\"Thống kê truy cập\": online now, visits today, this week (from Monday) and in all, in Asia/Ho_Chi_Minh; `today ≤ thisWeek ≤ total` always. Served from a cache of a few seconds.")
            .CacheOutput(StatsCachePolicy)
            .WithMetadata(ShortLivedEndpointMetadata.Instance);
        delivery.MapGet("/articles/most-viewed", ListMostViewedArticles.HandleAsync).WithName(nameof(ListMostViewedArticles))
            .WithSummary("Most-viewed published articles")
            .WithDescription("Ranked by views today, this week, this month (calendar periods in Asia/Ho_Chi_Minh) or all time.")
            .WithMetadata(ShortLivedEndpointMetadata.Instance)
            .ProducesValidationProblem();
        return app;
    }
}
