using FluentValidation;
using KhoaGiao.Api.Http;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Counters;

/// <summary>Body of <c>POST /api/v1/hits</c>: one page view by one visitor.</summary>
public sealed record RecordHitRequest
{
    /// <summary>
    /// A random UUID the client keeps (e.g. in local storage) to identify the visitor. Without it the visitor is a
    /// keyed hash of IP address and User-Agent that changes daily.
    /// </summary>
    /// <example>6f1c2a0e-3b7d-4c59-9a51-2d8e4f0b7c13</example>
    public Guid? VisitorId { get; init; }

    /// <summary>The published article viewed, if the page is one; it then counts one view of it.</summary>
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid? ArticleId { get; init; }

    /// <summary>The page's path, up to 2048 characters; informative only.</summary>
    /// <example>/tin-tuc/toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao</example>
    public string? Path { get; init; }
}

public sealed class RecordHitRequestValidator : AbstractValidator<RecordHitRequest>
{
    public RecordHitRequestValidator()
    {
        RuleFor(r => r.Path).MaximumLength(2048);
        RuleFor(r => r.VisitorId).NotEqual(Guid.Empty);
        RuleFor(r => r.ArticleId).NotEqual(Guid.Empty);
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
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var userAgent = httpContext.Request.Headers.UserAgent.ToString();
        if (identity.IsCrawler(userAgent))
        {
            return TypedResults.Accepted((string?)null);
        }

        var now = clock.GetUtcNow();
        if (request.ArticleId is { } articleId && !await articles.IsVisibleAsync(articleId, now, cancellationToken))
        {
            return ProblemResults.NotFound($"Không có bài viết có mã {articleId}.", $"There is no article with id {articleId}.");
        }

        var visitor = identity.Of(request.VisitorId, httpContext.Connection.RemoteIpAddress?.ToString(), userAgent, now);
        if (buffer.Record(visitor, request.ArticleId, now) == HitBuffer.Outcome.Full)
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

        return TypedResults.Accepted((string?)null);
    }
}
