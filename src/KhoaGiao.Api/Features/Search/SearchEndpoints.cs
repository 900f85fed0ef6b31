using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Search;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var delivery = app.MapDeliveryGroup("/api/v1/search", "Search");
        delivery.MapGet("/", SearchAll.HandleAsync).WithName("Search")
            .WithSummary("Search articles, events and people")
            .WithDescription(
                "One ranked list across published articles, events and the people who took part in them. Every word must be found whole " +
                "(the last may be the start of a word), whatever the case, marks, tone placement, đ/d or i/y. Best first: the words as a " +
                "phrase in the title, all in the title, as a phrase in the summary, all in title and summary, anywhere; within each, " +
                "what has the words with the marks typed, then people, then newest. Each article and event carries a snippet with the " +
                "words in `<mark>`. When nothing matches, `correctedQuery` and `suggestions` offer the closest common words' results.")
            .ProducesValidationProblem();
        return app;
    }
}
