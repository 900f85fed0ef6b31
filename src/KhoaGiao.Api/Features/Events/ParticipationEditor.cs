using KhoaGiao.Api.Data;
using KhoaGiao.Api.Text;
using KhoaGiao.Api.Time;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

/// <summary>Applies a validated <see cref="ParticipationRequest"/>, filling the title from the person's positions.</summary>
public sealed class ParticipationEditor(KhoaGiaoDbContext db)
{
    /// <summary>Applies the request; returns the problem that stops it, or null.</summary>
    public async Task<ProblemHttpResult?> ApplyAsync(
        Event entity, Participation participation, ParticipationRequest request, CancellationToken cancellationToken)
    {
        var personId = request.PersonId!.Value;
        var role = request.Role!.Value;
        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            return EventProblems.UnknownPerson(personId);
        }

        if (await db.Participations.AnyAsync(
                p => p.EventId == entity.Id && p.PersonId == personId && p.Role == role && p.Id != participation.Id, cancellationToken))
        {
            return EventProblems.DuplicateParticipation();
        }

        participation.PersonId = personId;
        participation.Role = role;
        participation.DisplayOrder = request.DisplayOrder ?? 0;
        participation.TitleAtEvent = string.IsNullOrWhiteSpace(request.TitleAtEvent)
            ? await TitleOnAsync(personId, VietnamTime.DateOf(entity.StartsAt), cancellationToken)
            : VietnameseText.Nfc(request.TitleAtEvent.Trim());
        return null;
    }

    /// <summary>The title of the position the person held on that day; the latest-starting one if several.</summary>
    private Task<string?> TitleOnAsync(Guid personId, DateOnly day, CancellationToken cancellationToken) =>
        db.PersonPositions
            .Where(p => p.PersonId == personId && (p.From == null || p.From <= day) && (p.To == null || p.To >= day))
            .OrderBy(p => p.From == null).ThenByDescending(p => p.From)
            .Select(p => p.Title)
            .FirstOrDefaultAsync(cancellationToken);
}
