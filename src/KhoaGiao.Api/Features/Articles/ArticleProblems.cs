using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>The problem responses article handlers share.</summary>
public static class ArticleProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemResults.NotFound($"Không có bài viết có mã {id}.", $"There is no article with id {id}.");

    public static ProblemHttpResult UnknownEvent(Guid id) =>
        ProblemResults.Validation("eventId", $"Không có sự kiện có mã {id}.", $"There is no event with id {id}.");

    public static ProblemHttpResult SlugTaken(string slug) =>
        ProblemResults.Conflict($"Slug '{slug}' đã được bài viết khác sử dụng.", $"The slug '{slug}' is already used by another article.");
}
