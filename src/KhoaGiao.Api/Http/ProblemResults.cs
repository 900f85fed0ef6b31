using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KhoaGiao.Api.Http;

/// <summary>RFC 9457 problem responses for the expected failures of handlers.</summary>
public static class ProblemResults
{
    /// <summary>A 400 about the request as a whole (a header, say), where no body field is to blame.</summary>
    public static ProblemHttpResult BadRequest(string vietnamese, string english) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: Localized.Text("Yêu cầu không hợp lệ", "Bad request"),
            detail: Localized.Text(vietnamese, english),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    public static ProblemHttpResult NotFound(string vietnamese, string english) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: Localized.Text("Không tìm thấy", "Not found"),
            detail: Localized.Text(vietnamese, english),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    /// <summary>409; <paramref name="extensions"/> name, for clients, what stands in the way (a field, the items using a photo).</summary>
    public static ProblemHttpResult Conflict(string vietnamese, string english, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: Localized.Text("Xung đột", "Conflict"),
            detail: Localized.Text(vietnamese, english),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            extensions: extensions);

    /// <summary>415: the body is of a type the route does not take (RFC 9110 §15.5.16).</summary>
    public static ProblemHttpResult UnsupportedMediaType(string vietnamese, string english) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: Localized.Text("Kiểu dữ liệu không được hỗ trợ", "Unsupported media type"),
            detail: Localized.Text(vietnamese, english),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.16");

    /// <summary>413: the body is larger than the route takes (RFC 9110 §15.5.14).</summary>
    public static ProblemHttpResult ContentTooLarge(string vietnamese, string english) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: Localized.Text("Dữ liệu quá lớn", "Content too large"),
            detail: Localized.Text(vietnamese, english),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.14");

    /// <summary>A well-formed request that cannot be carried out as sent (RFC 9110 §15.5.21).</summary>
    public static ProblemHttpResult UnprocessableContent(string vietnamese, string english) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: Localized.Text("Không thể xử lý yêu cầu", "Unprocessable content"),
            detail: Localized.Text(vietnamese, english),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.21");

    /// <summary>
    /// 409 for a value that must be unique and is taken: the detail names the field and the item that holds the value,
    /// and so do the extensions <c>field</c> (the request field, as in validation <c>errors</c>) and <c>existingId</c>,
    /// so a client can link to that item or merge into it.
    /// </summary>
    public static ProblemHttpResult UniqueConflict(string field, Guid existingId, string vietnamese, string english) =>
        Conflict(vietnamese, english, new Dictionary<string, object?> { ["field"] = field, ["existingId"] = existingId });

    /// <summary>403 for what the caller's scopes or role do not allow, found only once the request is read.</summary>
    public static ProblemHttpResult Forbidden(string vietnamese, string english) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: Localized.Text("Không có quyền", "Forbidden"),
            detail: Localized.Text(vietnamese, english),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.4");

    public static ProblemHttpResult PreconditionFailed() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: Localized.Text("Phiên bản đã cũ", "Precondition failed"),
            detail: Localized.Text(
                "Bài viết đã được người khác thay đổi; hãy tải lại rồi thử lại.",
                "The resource was changed by someone else; fetch it again and retry."),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.13");

    public static ProblemHttpResult PreconditionRequired() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: Localized.Text("Thiếu If-Match", "Precondition required"),
            detail: Localized.Text(
                "Hãy gửi tiêu đề If-Match với ETag của lần đọc gần nhất, để không ghi đè thay đổi của người khác.",
                "Send If-Match with the ETag you last read, so that nobody's change is overwritten."),
            type: "https://tools.ietf.org/html/rfc6585#section-3");

    /// <summary>
    /// A 400 with per-field <c>errors</c>, for what only the handler can check (a referenced row that does not exist).
    /// Typed as a plain problem so handlers keep one failure type; routes declare it with <c>ProducesValidationProblem</c>.
    /// </summary>
    public static ProblemHttpResult Validation(string field, string vietnamese, string english) =>
        Validation(new Dictionary<string, string[]> { [field] = [Localized.Text(vietnamese, english)] });

    /// <summary>A 400 with these per-field <c>errors</c>, already worded in the request's language.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Localized.Text("Dữ liệu không hợp lệ", "One or more validation errors occurred."),
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        });
}
