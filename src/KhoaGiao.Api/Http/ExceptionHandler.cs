using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Turns the exceptions that can still escape a handler into RFC 9457 problems: bad request bodies (malformed
/// JSON, wrong content type, too large) keep their 4xx status, a lost race on a unique key is a 409, a stale
/// row version a 412 or 409, and anything else a 500 that reveals nothing of the internals.
/// </summary>
public sealed class ExceptionHandler(IProblemDetailsService problemDetails, ILogger<ExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => BadRequest(bad),
            DbUpdateConcurrencyException => Problem(
                httpContext.Request.Headers.IfMatch.Count > 0 ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
                Localized.Text("Phiên bản đã cũ", "Conflicting update"),
                Localized.Text("Dữ liệu đã được người khác thay đổi; hãy tải lại rồi thử lại.",
                    "The resource was changed by someone else; fetch it again and retry.")),
            DbUpdateException { InnerException: PostgresException postgres } when ConflictOf(postgres) is { } conflict => conflict,
            PostgresException postgres when ConflictOf(postgres) is { } conflict => conflict,
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(
                StatusCodes.Status500InternalServerError,
                Localized.Text("Lỗi máy chủ", "Server error"),
                Localized.Text("Đã có lỗi xảy ra. Vui lòng thử lại sau.", "An unexpected error occurred. Please try again later."));
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // Malformed JSON gets its own words; other statuses (413, 415, unreadable parameters) are worded by
    // FrameworkProblems, since the framework's own message names parameter types.
    private static ProblemDetails BadRequest(BadHttpRequestException exception) =>
        exception.InnerException is System.Text.Json.JsonException
            ? Problem(StatusCodes.Status400BadRequest,
                Localized.Text("JSON không hợp lệ", "Malformed JSON"),
                Localized.Text("Nội dung yêu cầu không phải JSON hợp lệ.", "The request body is not valid JSON."))
            : new ProblemDetails { Status = exception.StatusCode };

    /// <summary>Unique and foreign-key violations: another request got there first (a race the handler's checks lost).</summary>
    private static ProblemDetails? ConflictOf(PostgresException exception) => exception.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => Problem(StatusCodes.Status409Conflict,
            Localized.Text("Xung đột", "Conflict"),
            Localized.Text("Đã có một bản ghi với giá trị duy nhất này.", "A record with this unique value already exists.")),
        PostgresErrorCodes.ForeignKeyViolation => Problem(StatusCodes.Status409Conflict,
            Localized.Text("Xung đột", "Conflict"),
            Localized.Text("Bản ghi được tham chiếu vừa bị xóa hoặc vẫn đang được tham chiếu; hãy tải lại rồi thử lại.",
                "A referenced record was just deleted, or is still referenced; fetch again and retry.")),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
