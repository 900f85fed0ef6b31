using System.Text.Json;
using FluentValidation;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Telemetry;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KhoaGiao.Api.Features.Counters;

/// <summary>
/// Body of <c>POST /api/v1/hits</c>: one page view by one visitor. Sent as <c>application/json</c>, or as
/// <c>text/plain</c> holding the same JSON, which is what <c>navigator.sendBeacon</c> sends for a string and needs no
/// CORS preflight.
/// </summary>
public sealed record RecordHitRequest
{
    /// <summary>The content types the beacon reads; anything else is 415.</summary>
    public static readonly string[] ContentTypes = ["application/json", "text/plain"];

    /// <summary>
    /// A random UUID the client keeps (e.g. in local storage) to identify the visitor. Without it the visitor is a
    /// keyed hash of IP address and User-Agent that changes daily.
    /// </summary>
    /// <example>6f1c2a0e-3b7d-4c59-9a51-2d8e4f0b7c13</example>
    public Guid? VisitorId { get; init; }

    /// <summary>
    /// The published article viewed, if the page is one; it then counts one view of it. Send this or
    /// <c>articleSlug</c>, not both.
    /// </summary>
    /// <example>null</example>
    public Guid? ArticleId { get; init; }

    /// <summary>The viewed article's current slug, instead of <c>articleId</c> (a page often knows only its URL).</summary>
    /// <example>toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public string? ArticleSlug { get; init; }

    /// <summary>The page's path, up to 2048 characters; informative only.</summary>
    /// <example>/tin-tuc/toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao</example>
    public string? Path { get; init; }

    /// <summary>
    /// Reads the body as JSON whether it is labelled <c>application/json</c> or <c>text/plain</c> (UTF-8), with the
    /// service's JSON settings; an unreadable body fails as the framework's JSON binding would (400 naming the field).
    /// </summary>
    public static async ValueTask<RecordHitRequest?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsReadable(request.ContentType))
        {
            throw new BadHttpRequestException(
                $"Expected a body of type {string.Join(" or ", ContentTypes)} in UTF-8.", StatusCodes.Status415UnsupportedMediaType);
        }

        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            // The pipe reader, as the framework's own JSON binding reads: the beacon is the hottest write path.
            return await JsonSerializer.DeserializeAsync<RecordHitRequest>(request.BodyReader, json, context.RequestAborted)
                ?? throw new BadHttpRequestException("The body is empty.", new JsonException("null"));
        }
        catch (JsonException exception)
        {
            throw new BadHttpRequestException("Failed to read the hit from the request body as JSON.", exception);
        }
    }

    /// <summary>JSON or plain text, in UTF-8 if a charset is named; the usual spellings are matched without parsing.</summary>
    private static bool IsReadable(string? contentType)
    {
        if (contentType is "application/json" or "text/plain" or "application/json; charset=utf-8" or "text/plain;charset=UTF-8")
        {
            return true;
        }

        return MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && (mediaType.MediaType.Equals(ContentTypes[0], StringComparison.OrdinalIgnoreCase)
                || mediaType.MediaType.Equals(ContentTypes[1], StringComparison.OrdinalIgnoreCase))
            && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class RecordHitRequestValidator : AbstractValidator<RecordHitRequest>
{
    public RecordHitRequestValidator()
    {
        RuleFor(r => r.Path).MaximumLength(2048);
        RuleFor(r => r.VisitorId).NotEqual(Guid.Empty);
        RuleFor(r => r.ArticleId).NotEqual(Guid.Empty);
        RuleFor(r => r.ArticleSlug).MaximumLength(120)
            .Must((request, slug) => slug is null || request.ArticleId is null)
            .WithMessage(_ => Text.Localized.Text("Chỉ gửi một trong articleId và articleSlug.", "Send articleId or articleSlug, not both."));
    }
}

public static class RecordHit
{
    public static async Task<Results<Accepted, ProblemHttpResult>> HandleAsync(
        RecordHitRequest request,
        HitBuffer buffer,
        HitFlusher flusher,
        VisitorIdentity identity,
        PublishedArticles articles,
        TimeProvider clock,
        KhoaGiaoMetrics metrics,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var userAgent = httpContext.Request.Headers.UserAgent.ToString();
        if (identity.IsCrawler(userAgent))
        {
            return TypedResults.Accepted((string?)null);
        }

        var now = clock.GetUtcNow();
        Guid? articleId = null;
        if (request.ArticleId is { } id)
        {
            articleId = await articles.IsVisibleAsync(id, now, cancellationToken)
                ? id
                : null;
            if (articleId is null)
            {
                return ProblemResults.NotFound($"Không có bài viết có mã {id}.", $"There is no article with id {id}.");
            }
        }
        else if (request.ArticleSlug is { } slug)
        {
            articleId = await articles.VisibleBySlugAsync(slug, now, cancellationToken);
            if (articleId is null)
            {
                return ProblemResults.NotFound($"Không có bài viết '{Text.Echo.Shown(slug)}'.", $"There is no article '{Text.Echo.Shown(slug)}'.");
            }
        }

        var visitor = identity.Of(request.VisitorId, httpContext.Connection.RemoteIpAddress?.ToString(), userAgent, now);
        if (buffer.Record(visitor, articleId, now) == HitBuffer.Outcome.Full)
        {
            var retryAfter = (int)Math.Ceiling(Math.Max(1, flusher.RetryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: Text.Localized.Text("Tạm thời quá tải", "Temporarily overloaded"),
                detail: Text.Localized.Text(
                    $"Bộ đếm đang chờ ghi vào cơ sở dữ liệu; hãy gửi lại sau {retryAfter} giây.",
                    $"The counters are waiting for the database; send the hit again after {retryAfter} seconds."));
        }

        metrics.HitAccepted();
        return TypedResults.Accepted((string?)null);
    }
}
