using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Features.Media;

/// <summary>Settings of the <c>Media:S3</c> section: an S3-compatible object store (AWS S3, MinIO, Ceph RGW …).</summary>
public sealed class MediaS3Options
{
    /// <summary>The bucket holding the files; it must exist.</summary>
    public string? Bucket { get; set; }

    /// <summary>The store's address (<c>http://minio:9000</c>); unset, AWS S3 in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The region (AWS), or the one the store expects in signatures.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Access key id; unset, the AWS SDK's default credentials (environment, instance role).</summary>
    public string? AccessKey { get; set; }

    /// <summary>Secret access key, with <see cref="AccessKey"/>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Address buckets as a path (<c>http://host/bucket/key</c>), as MinIO and most self-hosted stores need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>
    /// Seconds one attempt of a request to the store may take, until its answer starts, before it counts as failed; each
    /// of the <see cref="MaxRetries"/> retries has as long again.
    /// </summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a failed request to the store before the API answers 503.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    internal IEnumerable<ValidationResult> Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            yield return new ValidationResult("Media:S3:Bucket must name the bucket when Media:Storage is S3.", ["S3.Bucket"]);
        }

        if (ServiceUrl is not null && !(Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult("Media:S3:ServiceUrl must be an absolute http or https URL, such as http://minio:9000.", ["S3.ServiceUrl"]);
        }

        if ((AccessKey is null) != (SecretKey is null))
        {
            yield return new ValidationResult("Media:S3:AccessKey and Media:S3:SecretKey are set together or not at all.", ["S3.AccessKey"]);
        }
    }
}
