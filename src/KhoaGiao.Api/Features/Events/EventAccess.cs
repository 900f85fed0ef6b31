using System.Security.Claims;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KhoaGiao.Api.Features.Events;

/// <summary>
/// Changing a published event changes what readers see at once, so, as with articles, it needs an editor
/// (<c>content:publish</c>); authors change draft events only. API keys act by their scopes alone.
/// </summary>
public static class EventAccess
{
    public static ProblemHttpResult? PublishedEventProblem(this ClaimsPrincipal user, Event entity) =>
        entity.Status != EventStatus.Published
        || user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName
        || user.HasClaim(Scopes.ClaimType, Scopes.ContentPublish)
        || user.HasClaim(Scopes.ClaimType, Scopes.Admin)
            ? null
            : TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: Localized.Text("Không có quyền", "Forbidden"),
                detail: Localized.Text(
                    "Sự kiện đã công bố chỉ biên tập viên mới được sửa hoặc xóa.",
                    "Only editors may change or delete a published event."),
                type: "https://tools.ietf.org/html/rfc9110#section-15.5.4");
}
