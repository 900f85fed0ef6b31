using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Taxonomy;

public static class TaxonomyEndpoints
{
    public static IEndpointRouteBuilder MapTaxonomyEndpoints(this IEndpointRouteBuilder app)
    {
        var delivery = app.MapDeliveryGroup("/api/v1", "Taxonomy");

        delivery.MapGet("/categories", ListCategories.HandleAsync).WithName(nameof(ListCategories))
            .WithSummary("List categories")
            .WithDescription("The categories that published articles use, with their number of published articles, by slug, 100 to a page by default.")
            .ProducesValidationProblem();
        delivery.MapGet("/tags", ListTags.HandleAsync).WithName(nameof(ListTags))
            .WithSummary("List tags")
            .WithDescription("The tags that published articles carry, with their number of published articles, by slug, 100 to a page by default.")
            .ProducesValidationProblem();
        return app;
    }
}
