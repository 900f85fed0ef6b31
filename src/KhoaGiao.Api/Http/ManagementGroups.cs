namespace KhoaGiao.Api.Http;

/// <summary>
/// The one shape of every management route group: authenticated (each route adds its scope), CORS for the
/// configured editor origins only, rate-limited per caller, validated, and documented with the auth problems.
/// </summary>
public static class ManagementGroups
{
    public static RouteGroupBuilder MapManagementGroup(this IEndpointRouteBuilder app, string prefix, string tag)
    {
        var group = app.MapGroup(prefix).WithTags(tag)
            .RequireCors(HttpServices.ManagementCorsPolicy)
            .RequireRateLimiting(HttpServices.ManagementRateLimitPolicy)
            .RequireAuthorization()
            .AddEndpointFilter(ContentCache.EvictAfterWriteAsync)
            .AddEndpointFilterFactory(ValidationFilter.Create);
        group.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>The delivery twin: anonymous, any origin, output-cached, validated.</summary>
    public static RouteGroupBuilder MapDeliveryGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix).WithTags(tag)
            .RequireCors(HttpServices.DeliveryCorsPolicy)
            .CacheOutput(HttpServices.DeliveryCachePolicy)
            .AddEndpointFilterFactory(ValidationFilter.Create);
}
