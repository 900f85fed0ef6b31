using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KhoaGiao.Api.Features.Idempotency;

/// <summary>The problem responses to an <c>Idempotency-Key</c> that cannot be used.</summary>
public static class IdempotencyProblems
{
    public static ProblemHttpResult InvalidKey() => ProblemResults.BadRequest(
        $"Idempotency-Key phải gồm 1–{IdempotencyRecordConfiguration.KeyMaxLength} ký tự ASCII in được, ví dụ một UUID; chỉ gửi một lần.",
        $"Idempotency-Key must be 1–{IdempotencyRecordConfiguration.KeyMaxLength} printable ASCII characters, a UUID for example, sent once.");

    public static ProblemHttpResult StillRunning() => ProblemResults.Conflict(
        "Một yêu cầu với cùng Idempotency-Key vẫn đang được xử lý; hãy thử lại sau ít giây.",
        "A request with the same Idempotency-Key is still being processed; retry in a few seconds.");

    public static ProblemHttpResult KeyReused() => ProblemResults.UnprocessableContent(
        "Idempotency-Key này đã được dùng cho một yêu cầu khác (phương thức, đường dẫn hoặc nội dung khác); mỗi yêu cầu mới cần một khóa mới.",
        "This Idempotency-Key was used for a different request (another method, path or body); send each new request with a new key.");
}
