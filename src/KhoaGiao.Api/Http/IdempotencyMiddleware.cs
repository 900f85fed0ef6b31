using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using KhoaGiao.Api.Features.Idempotency;
using KhoaGiao.Api.Security;
using Microsoft.AspNetCore.Http.Extensions;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Makes management POSTs safe to retry, as Stripe's API does. A POST under <c>/api/v1/admin</c> sent with an
/// <c>Idempotency-Key</c> runs once per caller and key: a retry of the same request (method, path, query and body,
/// byte for byte) within the retention gets the first response again, marked <c>Idempotent-Replayed: true</c>; the
/// same key with another request is 422, and a retry while the first is still running 409. Runs after
/// authentication, rate limiting and authorization, so the caller is known and refused requests claim nothing.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, ILogger<IdempotencyMiddleware> logger)
{
    public const string KeyHeader = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly PathString ManagementPath = "/api/v1/admin";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method)
            || !request.Path.StartsWithSegments(ManagementPath)
            || !request.Headers.TryGetValue(KeyHeader, out var header)
            || context.GetEndpoint() is null
            || CallerIdentity.Of(context.User) is not { } caller)
        {
            await next(context);
            return;
        }

        if (header.Count != 1 || !IsValidKey(header[0]))
        {
            await IdempotencyProblems.InvalidKey().ExecuteAsync(context);
            return;
        }

        // Resolved here rather than as an InvokeAsync parameter, which would rent a database context for every
        // request, the anonymous delivery reads included.
        var keys = context.RequestServices.GetRequiredService<IdempotencyKeys>();
        var hash = await HashAsync(request, context.RequestAborted);
        var claim = await keys.ClaimAsync(caller, header[0]!, hash, context.RequestAborted);
        await (claim switch
        {
            IdempotencyClaim.Claimed claimed => RunAsync(context, keys, claimed),
            IdempotencyClaim.Completed completed => ReplayAsync(context.Response, completed.Record),
            IdempotencyClaim.Running => IdempotencyProblems.StillRunning().ExecuteAsync(context),
            IdempotencyClaim.Mismatch => IdempotencyProblems.KeyReused().ExecuteAsync(context),
            _ => throw new UnreachableException($"Unknown idempotency claim {claim}."),
        });
    }

    /// <summary>
    /// Whether a response is kept for replay. Not kept, so that a retry with the same key runs again: a server error
    /// or an exception (the next attempt may succeed), a 429 (the limit lifts), and a 400 (the request was refused
    /// before it changed anything, so the client may correct it and resend it under the same key, as Stripe allows).
    /// </summary>
    private static bool IsKept(int statusCode) =>
        statusCode is < StatusCodes.Status500InternalServerError
            and not StatusCodes.Status429TooManyRequests
            and not StatusCodes.Status400BadRequest;

    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= IdempotencyRecordConfiguration.KeyMaxLength }
        && key.All(c => c is >= ' ' and <= '~');

    /// <summary>SHA-256 of the method, the path and query, and the body's bytes, left readable for the endpoint.</summary>
    private static async Task<byte[]> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.GetEncodedPathAndQuery()}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Runs the request with its response buffered, keeps the response (or gives the key up), then sends it. The
    /// response is kept before it is sent, so a client that saw it can only ever get it again.
    /// </summary>
    private async Task RunAsync(HttpContext context, IdempotencyKeys keys, IdempotencyClaim.Claimed claim)
    {
        var response = context.Response;
        var original = response.Body;
        await using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await ReleaseAsync(keys, claim);
            throw;
        }
        finally
        {
            response.Body = original;
        }

        if (IsKept(response.StatusCode))
        {
            await CompleteAsync(keys, claim, response, buffer.ToArray());
        }
        else
        {
            await ReleaseAsync(keys, claim);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    // The request's work is done whether or not its client is still there, so the record is written regardless of
    // RequestAborted; and a failure to write it must not turn a done request into an error. The claim then stays
    // running until it counts as abandoned, and retries get 409 until then.
    private async Task CompleteAsync(IdempotencyKeys keys, IdempotencyClaim.Claimed claim, HttpResponse response, byte[] body)
    {
        var location = response.Headers.Location.ToString();
        var eTag = response.Headers.ETag.ToString();
        try
        {
            await keys.CompleteAsync(claim, response.StatusCode, response.ContentType, location.Length > 0 ? location : null,
                eTag.Length > 0 ? eTag : null, body, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not keep the response for idempotency key {Key}; it stays claimed until it is taken for abandoned.", claim.Key);
        }
    }

    private async Task ReleaseAsync(IdempotencyKeys keys, IdempotencyClaim.Claimed claim)
    {
        try
        {
            await keys.ReleaseAsync(claim, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not release idempotency key {Key}; it stays claimed until it is taken for abandoned.", claim.Key);
        }
    }

    private static async Task ReplayAsync(HttpResponse response, IdempotencyRecord stored)
    {
        response.StatusCode = stored.StatusCode!.Value;
        response.ContentType = stored.ContentType;
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        if (stored.ETag is not null)
        {
            response.Headers.ETag = stored.ETag;
        }

        response.Headers[ReplayedHeader] = "true";
        if (stored.Body is { Length: > 0 } body)
        {
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, response.HttpContext.RequestAborted);
        }
    }
}
