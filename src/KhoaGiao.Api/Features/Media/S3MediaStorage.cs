using System.Runtime.InteropServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// Media files as objects in one bucket of an S3-compatible store (<see cref="MediaOptions.S3"/>): AWS S3, MinIO,
/// Ceph RGW…, so several instances share them. A PUT replaces an object whole, so a reader never sees half of one and
/// two instances writing one key at once each leave a whole object. Nothing the user wrote goes into object metadata:
/// .NET refuses non-ASCII header values, and the database already holds it.
/// </summary>
public sealed class S3MediaStorage : IMediaStorage, IDisposable
{
    /// <summary>The most keys one DeleteObjects request may name (S3 API reference).</summary>
    private const int DeleteBatchSize = 1000;

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _store;
    private readonly int _timeoutSeconds;

    public S3MediaStorage(IOptions<MediaOptions> options)
    {
        var settings = options.Value.S3;
        _bucket = string.IsNullOrWhiteSpace(settings.Bucket)
            ? throw new InvalidOperationException("Media:S3:Bucket must name the bucket when Media:Storage is S3.")
            : settings.Bucket;
        _timeoutSeconds = settings.TimeoutSeconds;
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
            MaxErrorRetry = settings.MaxRetries,
            // SDK v4 adds CRC checksums to every upload and checks them on every download by default; several
            // S3-compatible stores reject or do not return them. Operations that require one (DeleteObjects) still send it.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.ServiceUrl is { } serviceUrl)
        {
            // ServiceURL and RegionEndpoint exclude each other in the SDK: with an address, the region only signs.
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = settings.Region;
            _store = $"{new Uri(serviceUrl).GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)} (bucket {_bucket})";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
            _store = $"AWS S3 in {settings.Region} (bucket {_bucket})";
        }

        _client = settings is { AccessKey: { } accessKey, SecretKey: { } secretKey }
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config)
            : new AmazonS3Client(config);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        using var body = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = body,
            ContentType = contentType,
            AutoCloseStream = false,
            // The bytes are in memory, so the SDK signs them in one piece; aws-chunked uploads are not understood by
            // every S3-compatible store.
            UseChunkEncoding = false,
        };
        try
        {
            await _client.PutObjectAsync(request, cancellationToken);
        }
        catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Failure($"store {key}", exception);
        }
    }

    public async Task<StoredMedia?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchKey")
        {
            return null;
        }
        catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Failure($"read {key}", exception);
        }

        return new StoredMedia(new S3ObjectStream(response, $"The S3 store {_store} failed while sending {key}"), response.ContentLength);
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Distinct(StringComparer.Ordinal).Chunk(DeleteBatchSize))
        {
            var request = new DeleteObjectsRequest
            {
                BucketName = _bucket,
                Objects = batch.Select(key => new KeyVersion { Key = key }).ToList(),
                Quiet = true,
            };
            List<DeleteError>? errors;
            try
            {
                errors = (await _client.DeleteObjectsAsync(request, cancellationToken)).DeleteErrors;
            }
            catch (DeleteObjectsException exception) when (exception.Response is not null)
            {
                errors = exception.Response.DeleteErrors;
            }
            catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw Failure($"delete {batch.Length} objects", exception);
            }

            // S3 reports no error for a key with no object; a store that does says NoSuchKey, which is what was wanted.
            var failed = errors?.Where(error => error.Code != "NoSuchKey").ToList() ?? [];
            if (failed.Count > 0)
            {
                var sample = string.Join(", ", failed.Take(3).Select(error => $"{error.Key} ({error.Code}: {error.Message})"));
                throw new MediaStorageException($"The S3 store {_store} could not delete {failed.Count} of {batch.Length} objects, such as {sample}.");
            }
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Whether an exception is the store failing: the SDK's own (an error answer, missing credentials), the network's,
    /// or the SDK's timeout, which arrives as a cancellation while the caller's token is not cancelled. A cancellation
    /// of the caller's token stays what it is. The handlers call <see cref="CancellationToken.ThrowIfCancellationRequested"/>
    /// first, so an I/O error that a cancellation caused also surfaces as the cancellation.
    /// </summary>
    private static bool IsStoreFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException
            ? !cancellationToken.IsCancellationRequested
            : exception is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException;

    private MediaStorageException Failure(string action, Exception exception)
    {
        var reason = exception switch
        {
            AmazonServiceException { StatusCode: var status, ErrorCode: { Length: > 0 } code } service =>
                $"{(int)status} {code}: {service.Message}",
            TimeoutException or OperationCanceledException => $"no answer within {_timeoutSeconds} s",
            _ => exception.Message,
        };
        return new MediaStorageException($"The S3 store {_store} could not {action}: {reason}", exception);
    }
}
