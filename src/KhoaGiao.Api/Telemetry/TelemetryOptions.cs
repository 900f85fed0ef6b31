using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace KhoaGiao.Api.Telemetry;

/// <summary>Settings of the <c>Telemetry</c> section: where traces and metrics go (docs/operations.md#telemetry).</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    /// <summary>
    /// Address of an OpenTelemetry collector (<c>http://otel-collector:4317</c>) to which traces, metrics and logs are
    /// exported over OTLP. It wins over the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; with neither, nothing is exported
    /// over OTLP and no tracing runs.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// The OTLP protocol of <see cref="OtlpEndpoint"/>: <c>Grpc</c> (a collector's port 4317) or <c>HttpProtobuf</c>
    /// (port 4318; <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> are appended to the address).
    /// </summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>
    /// Port on which a separate listener serves the Prometheus scrape endpoint <c>/metrics</c>, on every interface;
    /// unset, there is none. Keep it out of the load balancer and the ingress: the public port never serves metrics.
    /// </summary>
    [Range(1, 65535)]
    public int? PrometheusPort { get; set; }

    /// <summary><see cref="OtlpEndpoint"/> as a URL; null when unset (or empty) or not an absolute http(s) URL.</summary>
    internal Uri? OtlpEndpointUri => Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint is { Length: > 0 } && OtlpEndpointUri is null)
        {
            yield return new ValidationResult(
                "Telemetry:OtlpEndpoint must be an absolute http or https URL, such as http://otel-collector:4317.", [nameof(OtlpEndpoint)]);
        }

        if (!Enum.IsDefined(OtlpProtocol))
        {
            yield return new ValidationResult("Telemetry:OtlpProtocol must be Grpc or HttpProtobuf.", [nameof(OtlpProtocol)]);
        }
    }
}
