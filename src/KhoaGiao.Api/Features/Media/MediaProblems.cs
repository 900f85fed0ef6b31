using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Media;

/// <summary>The problem responses media handlers share.</summary>
public static class MediaProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemResults.NotFound($"Không có ảnh có mã {id}.", $"There is no media item with id {id}.");

    public static ProblemHttpResult FileNotFound(Guid id, string name) =>
        ProblemResults.NotFound(
            $"Ảnh {id} không có tệp '{name}'. Các tệp có trong 'sources' của ảnh (GET /api/v1/media/{id}).",
            $"Media item {id} has no file '{name}'. Its files are listed in its 'sources' (GET /api/v1/media/{id}).");

    public static ProblemHttpResult UnsupportedType() =>
        ProblemResults.UnsupportedMediaType(
            "Tệp không phải ảnh JPEG, PNG, WebP hoặc GIF (xét theo nội dung tệp, không theo tên hay kiểu khai báo). SVG không được nhận vì có thể chứa mã lệnh.",
            "The file is not a JPEG, PNG, WebP or GIF image (judged by its bytes, not its name or declared type). SVG is refused: it can carry script.");

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        ProblemResults.ContentTooLarge(
            $"Tệp lớn hơn giới hạn {maxBytes / (1024.0 * 1024):0.#} MB.",
            $"The file is larger than the limit of {maxBytes / (1024.0 * 1024):0.#} MB.");

    public static ProblemHttpResult TooManyPixels(long maxPixels) =>
        ProblemResults.Validation("file",
            $"Ảnh có nhiều điểm ảnh hơn giới hạn {maxPixels / 1_000_000.0:0.#} megapixel.",
            $"The image has more pixels than the limit of {maxPixels / 1_000_000.0:0.#} megapixels.");

    public static ProblemHttpResult Unreadable() =>
        ProblemResults.Validation("file",
            "Không đọc được ảnh: tệp bị hỏng hoặc không đầy đủ.",
            "The image cannot be read: the file is damaged or incomplete.");

    public static ProblemHttpResult InUse(IReadOnlyList<string> articles, IReadOnlyList<string> events)
    {
        var vietnamese = new List<string>();
        var english = new List<string>();
        if (articles.Count > 0)
        {
            vietnamese.Add($"bài viết {string.Join(", ", articles)}");
            english.Add($"articles {string.Join(", ", articles)}");
        }

        if (events.Count > 0)
        {
            vietnamese.Add($"sự kiện {string.Join(", ", events)}");
            english.Add($"events {string.Join(", ", events)}");
        }

        return ProblemResults.Conflict(
            $"Ảnh vẫn được dùng trong {string.Join("; ", vietnamese)}. Hãy gỡ ảnh khỏi các nội dung đó trước.",
            $"The media item is still used by {string.Join("; ", english)}. Remove it from them first.",
            new Dictionary<string, object?> { ["articles"] = articles, ["events"] = events });
    }
}
