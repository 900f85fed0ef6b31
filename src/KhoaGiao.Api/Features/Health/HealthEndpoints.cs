using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KhoaGiao.Api.Features.Health;

/// <summary>Health of one probe: <c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>.</summary>
public sealed record HealthResponse
{
    /// <example>Healthy</example>
    [OpenApi.ValuesFrom(typeof(HealthResponse), nameof(Statuses))]
    public required string Status { get; init; }

    /// <summary>The values of <see cref="Status"/>.</summary>
    public static IReadOnlyList<string> Statuses { get; } = Enum.GetNames<HealthStatus>();
}

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", () => TypedResults.Ok(new HealthResponse { Status = nameof(HealthStatus.Healthy) }))
            .WithName("GetLiveness")
            .WithSummary("Liveness")
            .WithDescription("200 while the process is up; it checks nothing else.");
        health.MapGet("/ready", GetReadinessAsync)
            .WithName("GetReadiness")
            .WithSummary("Readiness")
            .WithDescription("200 when the service can serve requests, including a round trip to PostgreSQL; 503 otherwise.")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetReadinessAsync(
        HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
        var body = new HealthResponse { Status = report.Status.ToString() };
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }
}
