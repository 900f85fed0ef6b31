using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.People;

/// <summary>Applies a validated <see cref="PersonRequest"/>: the name and the whole list of positions.</summary>
public sealed class PersonEditor(KhoaGiaoDbContext db, TimeProvider clock)
{
    /// <summary>Applies the request; returns the problem that stops it, or null.</summary>
    public async Task<ProblemHttpResult?> ApplyAsync(Person person, PersonRequest request, CancellationToken cancellationToken)
    {
        var positions = request.Positions ?? [];
        var organisationIds = positions.Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).Distinct().ToList();
        var known = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < positions.Count; i++)
        {
            if (positions[i].OrganisationId is { } organisationId && !known.Contains(organisationId))
            {
                return PersonProblems.UnknownOrganisation(i, organisationId);
            }
        }

        person.Rename(request.FullName!);
        person.Positions.Clear();
        person.Positions.AddRange(positions.Select(p => new PersonPosition
        {
            PersonId = person.Id,
            Title = Text.VietnameseText.Nfc(p.Title!.Trim()),
            OrganisationId = p.OrganisationId,
            From = p.From,
            To = p.To,
        }));
        person.UpdatedAt = clock.GetUtcNow();
        return null;
    }
}
