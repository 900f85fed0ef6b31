using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Words the problems the framework produces by itself (no body from a handler: authentication, authorization,
/// unknown routes, wrong methods, rate limits) in the request's language, with a detail that says what to do.
/// </summary>
public static class FrameworkProblems
{
    private static readonly Dictionary<int, (string TitleVi, string TitleEn, string DetailVi, string DetailEn)> Texts = new()
    {
        [StatusCodes.Status400BadRequest] = ("Yêu cầu không hợp lệ", "Bad request",
            "Tham số hoặc nội dung yêu cầu không đọc được.", "A parameter or the request body could not be read."),
        [StatusCodes.Status401Unauthorized] = ("Chưa xác thực", "Unauthorized",
            "Hãy đăng nhập (Authorization: Bearer <token>) hoặc gửi khóa API hợp lệ (Authorization: ApiKey <khóa>).",
            "Sign in (Authorization: Bearer <token>) or send a valid API key (Authorization: ApiKey <key>)."),
        [StatusCodes.Status403Forbidden] = ("Không có quyền", "Forbidden",
            "Tài khoản hoặc khóa API không có quyền cần cho thao tác này.", "The account or API key lacks the scope this operation needs."),
        [StatusCodes.Status404NotFound] = ("Không tìm thấy", "Not found",
            "Không có tài nguyên tại địa chỉ này.", "There is no resource at this address."),
        [StatusCodes.Status405MethodNotAllowed] = ("Phương thức không được hỗ trợ", "Method not allowed",
            "Địa chỉ này không nhận phương thức HTTP đã gửi.", "This address does not accept the HTTP method sent."),
        [StatusCodes.Status413PayloadTooLarge] = ("Nội dung quá lớn", "Payload too large",
            "Nội dung yêu cầu vượt quá kích thước cho phép.", "The request body exceeds the allowed size."),
        [StatusCodes.Status415UnsupportedMediaType] = ("Kiểu nội dung không được hỗ trợ", "Unsupported media type",
            "Nội dung yêu cầu không thuộc kiểu địa chỉ này nhận: application/json, hoặc multipart/form-data khi tải ảnh lên (POST /api/v1/admin/media).",
            "The request body is not of a type this address takes: application/json, or multipart/form-data to upload a photo (POST /api/v1/admin/media)."),
        [StatusCodes.Status429TooManyRequests] = ("Quá nhiều yêu cầu", "Too many requests",
            "Đã vượt giới hạn số yêu cầu; hãy thử lại sau.", "The request limit was exceeded; retry later."),
    };

    public static void Localize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is null && problem is not HttpValidationProblemDetails
            && problem.Status is { } status && Texts.TryGetValue(status, out var text))
        {
            problem.Title = Localized.Text(text.TitleVi, text.TitleEn);
            problem.Detail = Localized.Text(text.DetailVi, text.DetailEn);
        }
    }
}
