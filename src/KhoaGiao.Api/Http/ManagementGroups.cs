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
            .AddEndpointFilterFactory(ValidationFilter.Create);
        group.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>
    /// The delivery twin: anonymous, any origin, validated, and output-cached unless <paramref name="outputCached"/>
    /// is false (routes that are never cached, like the hit beacon, then skip the output cache's per-request work).
    /// </summary>
    public static RouteGroupBuilder MapDeliveryGroup(this IEndpointRouteBuilder app, string prefix, string tag, bool outputCached = true)
    {
        var group = app.MapGroup(prefix).WithTags(tag)
            .RequireCors(HttpServices.DeliveryCorsPolicy)
            .WithMetadata(DeliveryEndpointMetadata.Instance)
            .AddEndpointFilterFactory(ValidationFilter.Create);
        return outputCached ? group.CacheOutput(HttpServices.DeliveryCachePolicy) : group;
    }
}
