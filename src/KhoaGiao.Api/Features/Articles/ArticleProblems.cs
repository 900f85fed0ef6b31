using System.Text.Json;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>The problem responses article handlers share.</summary>
public static class ArticleProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemResults.NotFound($"Không có bài viết có mã {id}.", $"There is no article with id {id}.");

    public static ProblemHttpResult NotFoundBySource(string source, string externalId) =>
        ProblemResults.NotFound(
            $"Không có bài viết từ nguồn '{Text.Echo.Shown(source)}' có mã '{Text.Echo.Shown(externalId)}'.",
            $"There is no article from source '{Text.Echo.Shown(source)}' with external id '{Text.Echo.Shown(externalId)}'.");

    /// <summary>A body whose every element the sanitiser removed (a lone script, an empty div): the body is required.</summary>
    public static ProblemHttpResult EmptyBody() =>
        ProblemResults.Validation("body",
            "Nội dung không còn gì sau khi loại bỏ các thẻ không được phép.", "The body is empty once disallowed markup is removed.");

    public static ProblemHttpResult UnknownMedia(string field, Guid id) =>
        ProblemResults.Validation(field, $"Không có ảnh có mã {id} trong thư viện ảnh.", $"There is no media item with id {id} in the library.");

    public static ProblemHttpResult UnknownEvent(Guid id) =>
        ProblemResults.Validation("eventId", $"Không có sự kiện có mã {id}.", $"There is no event with id {id}.");

    /// <summary>409 naming the current status and the actions it allows, also as <c>articleStatus</c> and <c>allowedActions</c>.</summary>
    public static ProblemHttpResult IllegalTransition(ArticleAction action, ArticleStatus status)
    {
        var allowed = ArticleWorkflow.AllowedFrom(status).Select(Camel).ToList();
        var list = allowed.Count == 0 ? "—" : string.Join(", ", allowed);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: Localized.Text("Không thể chuyển trạng thái", "Illegal transition"),
            detail: Localized.Text(
                $"Không thể '{Camel(action)}' bài viết đang ở trạng thái '{Camel(status)}'. Được phép: {list}.",
                $"Cannot '{Camel(action)}' an article in status '{Camel(status)}'. Allowed: {list}."),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            extensions: new Dictionary<string, object?> { ["articleStatus"] = Camel(status), ["allowedActions"] = allowed });
    }

    public static ProblemHttpResult NotYours() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: Localized.Text("Không có quyền", "Forbidden"),
            detail: Localized.Text(
                "Tác giả chỉ được sửa, gửi duyệt hoặc xóa bản nháp của chính mình.",
                "Authors may only edit, submit or delete their own drafts."),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.4");

    public static ProblemHttpResult NoSuchRevision(Guid id, int number) =>
        ProblemResults.NotFound($"Bài viết {id} không có phiên bản {number}.", $"Article {id} has no revision {number}.");

    public static ProblemHttpResult SlugTaken(string slug, Guid existingId) =>
        ProblemResults.UniqueConflict("slug", existingId,
            $"Trường 'slug': giá trị '{slug}' đã được bài viết {existingId} sử dụng.",
            $"Field 'slug': '{slug}' is already used by article {existingId}.");

    /// <summary>Another article already came from this source with this id (the pair is unique).</summary>
    public static ProblemHttpResult SourceTaken(string? source, string externalId, Guid existingId) =>
        ProblemResults.UniqueConflict("source.externalId", existingId,
            $"Trường 'source.externalId': bài viết {existingId} đã có nguồn '{source}' với mã '{externalId}'.",
            $"Field 'source.externalId': article {existingId} already has source '{source}' with external id '{externalId}'.");

    /// <summary>Publishing in the same call as a write needs what the publish action needs.</summary>
    public static ProblemHttpResult PublishNeedsScope() =>
        ProblemResults.Forbidden(
            $"Gửi 'publishedAt' là xuất bản bài viết, việc này cần quyền '{ArticleWorkflow.Rules[ArticleAction.Publish].Scope}'.",
            $"Sending 'publishedAt' publishes the article, which needs the '{ArticleWorkflow.Rules[ArticleAction.Publish].Scope}' scope.");

    private static string Camel<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
