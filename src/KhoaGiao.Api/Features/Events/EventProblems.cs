using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KhoaGiao.Api.Features.Events;

/// <summary>The problem responses event handlers share.</summary>
public static class EventProblems
{
    public static ProblemHttpResult NotFound(string idOrSlug) =>
        ProblemResults.NotFound($"Không có sự kiện '{Text.Echo.Shown(idOrSlug)}'.", $"There is no event '{Text.Echo.Shown(idOrSlug)}'.");

    public static ProblemHttpResult NotFound(Guid id) => NotFound(id.ToString());

    public static ProblemHttpResult SlugTaken(string slug, Guid existingId) =>
        ProblemResults.UniqueConflict("slug", existingId,
            $"Trường 'slug': giá trị '{slug}' đã được sự kiện {existingId} sử dụng.",
            $"Field 'slug': '{slug}' is already used by event {existingId}.");

    public static ProblemHttpResult UnknownMedia(Guid id) =>
        ProblemResults.Validation("coverImageId", $"Không có ảnh có mã {id} trong thư viện ảnh.", $"There is no media item with id {id} in the library.");

    public static ProblemHttpResult UnknownOrganiser(Guid id) =>
        ProblemResults.Validation("organiserId", $"Không có cơ quan, tổ chức có mã {id}.", $"There is no organisation with id {id}.");

    public static ProblemHttpResult UnknownPerson(Guid id) =>
        ProblemResults.Validation("personId", $"Không có người có mã {id}.", $"There is no person with id {id}.");

    public static ProblemHttpResult ParticipationNotFound(Guid id) =>
        ProblemResults.NotFound($"Không có lượt tham dự có mã {id} trong sự kiện này.", $"There is no participation with id {id} in this event.");

    public static ProblemHttpResult TooManyParticipations() =>
        ProblemResults.Conflict(
            $"Một sự kiện có tối đa {Event.MaxParticipations} lượt tham dự.", $"An event holds at most {Event.MaxParticipations} participations.");

    public static ProblemHttpResult DuplicateParticipation() =>
        ProblemResults.Conflict("Người này đã có vai trò này trong sự kiện.", "The person already has this role at the event.");
}
