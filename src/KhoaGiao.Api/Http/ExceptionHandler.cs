using KhoaGiao.Api.Features.Media;
using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Turns the exceptions that can still escape a handler into RFC 9457 problems: bad request bodies (malformed
/// JSON, wrong content type, too large) keep their 4xx status, a lost race on a unique key is a 409 naming the
/// field, a stale row version a 412 or 409, and anything else a 500 that reveals nothing of the internals.
/// </summary>
public sealed partial class ExceptionHandler(IProblemDetailsService problemDetails, ILogger<ExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>
    /// The request field each unique index guards. Handlers check these values first and answer with the holder's
    /// id; this names at least the field when a concurrent request took the value between that check and the save.
    /// </summary>
    private static readonly Dictionary<string, string> UniqueFields = new(StringComparer.Ordinal)
    {
        ["ix_articles_slug"] = "slug",
        ["pk_article_slug_redirects"] = "slug",
        ["ix_articles_source_key_source_external_id"] = "source.externalId",
        ["ix_events_slug"] = "slug",
        ["ix_organisations_name"] = "name",
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ProblemOf(exception, ifMatchSent: httpContext.Request.Headers.IfMatch.Count > 0);
        if (problem?.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // EF Core has already logged the failure with its stack trace; during an outage every request ends here,
            // so one line each is enough.
            var concurrency = IsConcurrencyFailure(exception);
            var (message, reason) = exception is MediaStorageException
                ? ("The media store is unavailable for {Method} {Path}: {Reason}", exception.Message)
                : (concurrency ? "A concurrent write cancelled {Method} {Path}: {Reason}" : "The database is unavailable for {Method} {Path}: {Reason}",
                    exception.GetBaseException().Message);
            logger.LogWarning(message, httpContext.Request.Method, httpContext.Request.Path, reason);
            RetryAfter.Set(httpContext.Response, concurrency ? ConcurrencyRetryAfter : DatabaseRetryAfter);
        }
        else if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = ServerError();
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// The problem an exception stands for when it is an expected failure (a bad body, a lost race, a stale version),
    /// or null when it is a fault. Also used where one request carries several writes (a batch), each answered apart.
    /// </summary>
    public static ProblemDetails? ProblemOf(Exception exception, bool ifMatchSent) => exception switch
    {
        BadHttpRequestException bad => BadRequest(bad),
        DbUpdateConcurrencyException => Problem(
            ifMatchSent ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
            Localized.Text("Phiên bản đã cũ", "Conflicting update"),
            Localized.Text("Dữ liệu đã được người khác thay đổi; hãy tải lại rồi thử lại.",
                "The resource was changed by someone else; fetch it again and retry.")),
        DbUpdateException { InnerException: PostgresException postgres } when ConflictOf(postgres) is { } conflict => conflict,
        PostgresException postgres when ConflictOf(postgres) is { } conflict => conflict,
        _ when IsConcurrencyFailure(exception) => Problem(
            StatusCodes.Status503ServiceUnavailable,
            Localized.Text("Xung đột ghi đồng thời", "Concurrent write conflict"),
            Localized.Text("Một yêu cầu khác thay đổi cùng dữ liệu vào cùng lúc nên yêu cầu này không được thực hiện; hãy thử lại sau số giây trong Retry-After.",
                "Another request changed the same data at the same moment, so this one was not applied; retry after the seconds in Retry-After.")),
        MediaStorageException => Problem(
            StatusCodes.Status503ServiceUnavailable,
            Localized.Text("Tạm thời không phục vụ được", "Service unavailable"),
            Localized.Text("Kho lưu trữ ảnh tạm thời không truy cập được nên không có gì được lưu; hãy thử lại sau số giây trong Retry-After.",
                "The media store is temporarily unreachable, so nothing was saved; retry after the seconds in Retry-After.")),
        _ when IsDatabaseUnavailable(exception) => Problem(
            StatusCodes.Status503ServiceUnavailable,
            Localized.Text("Tạm thời không phục vụ được", "Service unavailable"),
            Localized.Text("Cơ sở dữ liệu tạm thời không truy cập được; hãy thử lại sau số giây trong Retry-After.",
                "The database is temporarily unreachable; retry after the seconds in Retry-After.")),
        _ => null,
    };

    /// <summary>How long a client should wait when the database is away: about how long a restart or failover takes.</summary>
    private static readonly TimeSpan DatabaseRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>How long a client should wait after losing a deadlock or a serialization check: the other write is done by then.</summary>
    private static readonly TimeSpan ConcurrencyRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether PostgreSQL cancelled the statement because it collided with a concurrent one (a deadlock, a failed
    /// serialization check): Npgsql calls these transient too, but the database is there and a retry succeeds.
    /// </summary>
    private static bool IsConcurrencyFailure(Exception exception) => Causes(exception).Any(cause =>
        cause is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure });

    /// <summary>
    /// Whether the exception (or one inside it) says the database could not be reached or stopped answering: a
    /// refused or broken connection, a connect or command timeout, a server shutting down. A request that needs the
    /// database then fails fast with 503 rather than as a fault.
    /// </summary>
    private static bool IsDatabaseUnavailable(Exception exception) => Causes(exception).Any(cause => cause
        is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections }
        or NpgsqlException { IsTransient: true }
        or TimeoutException
        or System.Net.Sockets.SocketException);

    /// <summary>The exception and those inside it, outermost first.</summary>
    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            yield return inner;
        }
    }

    /// <summary>The 500 for a fault: it says nothing of the internals.</summary>
    public static ProblemDetails ServerError() => Problem(
        StatusCodes.Status500InternalServerError,
        Localized.Text("Lỗi máy chủ", "Server error"),
        Localized.Text("Đã có lỗi xảy ra. Vui lòng thử lại sau.", "An unexpected error occurred. Please try again later."));

    // A value the body or a parameter cannot be read as is a validation problem naming the field, as a rule broken
    // later would be; malformed JSON gets its own words; other statuses (413, 415) are worded by FrameworkProblems.
    private static ProblemDetails BadRequest(BadHttpRequestException exception) => exception switch
    {
        { InnerException: System.Text.Json.JsonException { Path: ['$', '.', .. var path] } json } when path.Length > 0 =>
            Unreadable(path + (json as ExplainedJsonException)?.Within, ExpectedValues.Of(json)),
        { InnerException: System.Text.Json.JsonException } => Problem(StatusCodes.Status400BadRequest,
            Localized.Text("JSON không hợp lệ", "Malformed JSON"),
            Localized.Text("Nội dung yêu cầu không phải JSON hợp lệ.", "The request body is not valid JSON.")),
        _ when UnboundParameter().Match(exception.Message) is { Success: true } match => Unreadable(
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value),
            ExpectedValues.OfParameter(match.Groups["type"].Value, match.Groups["value"].Value)),
        _ => new ProblemDetails { Status = exception.StatusCode },
    };

    private static HttpValidationProblemDetails Unreadable(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Localized.Text("Dữ liệu không hợp lệ", "One or more validation errors occurred."),
        };

    /// <summary>The framework's message for a query or route value its type cannot parse: <c>Failed to bind parameter "VietnamTimestamp? From" from "0001-01-01".</c></summary>
    [System.Text.RegularExpressions.GeneratedRegex("""\AFailed to bind parameter "(?:(?<type>[^"]*) )?(?:[^" ]*[?>])?(?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.\z""", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();

    /// <summary>Unique and foreign-key violations: another request got there first (a race the handler's checks lost).</summary>
    private static ProblemDetails? ConflictOf(PostgresException exception) => exception.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation when exception.ConstraintName is { } constraint
            && UniqueFields.TryGetValue(constraint, out var field) => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = Localized.Text("Xung đột", "Conflict"),
            Detail = Localized.Text(
                $"Giá trị của trường '{field}' vừa được một bản ghi khác sử dụng.",
                $"Another record has just taken this value of '{field}'."),
            Extensions = { ["field"] = field },
        },
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
