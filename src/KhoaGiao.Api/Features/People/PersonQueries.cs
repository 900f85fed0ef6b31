using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.People;

/// <summary>Builds a person's page: positions (current first, then latest) and events attended (newest first).</summary>
public static class PersonQueries
{
    /// <summary>People the public may see: those who took part in a published event.</summary>
    public static IQueryable<Person> WherePublic(this IQueryable<Person> people, KhoaGiaoDbContext db) =>
        people.Where(p => db.Participations.Any(x => x.PersonId == p.Id
            && db.Events.Any(e => e.Id == x.EventId && e.Status == EventStatus.Published)));

    public static async Task<PersonResponse?> ResponseAsync(
        KhoaGiaoDbContext db, IMapper mapper, Guid id, bool publishedEventsOnly, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Id, p.FullName })
            .FirstOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        var positions = await db.PersonPositions.AsNoTracking().Where(p => p.PersonId == id)
            .OrderBy(p => p.To != null).ThenBy(p => p.From == null).ThenByDescending(p => p.From).ThenBy(p => p.Id)
            .ProjectTo<PositionResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);

        var participations = await db.Participations.AsNoTracking()
            .Where(x => x.PersonId == id)
            .Join(db.Events.Where(e => !publishedEventsOnly || e.Status == EventStatus.Published),
                x => x.EventId, e => e.Id, (x, e) => new { Event = e, x.Role, x.TitleAtEvent })
            .OrderByDescending(x => x.Event.StartsAt).ThenBy(x => x.Event.Id)
            .Select(x => new { x.Event.Id, x.Event.Slug, x.Event.Title, x.Event.Kind, x.Event.StartsAt, x.Role, x.TitleAtEvent })
            // Enough rows for the newest events however many roles each holds (at most one per role).
            .Take(PersonResponse.MaxEvents * Enum.GetValues<ParticipationRole>().Length)
            .ToListAsync(cancellationToken);

        var events = participations
            .GroupBy(x => x.Id)
            .Select(g => new PersonEventResponse
            {
                EventId = g.Key,
                Slug = g.First().Slug,
                Title = g.First().Title,
                Kind = g.First().Kind,
                StartsAt = g.First().StartsAt,
                // Roles are stored as text; page order is the enum's, so they are ordered here.
                Roles = g.OrderBy(x => x.Role).Select(x => new PersonRoleResponse { Role = x.Role, TitleAtEvent = x.TitleAtEvent }).ToList(),
            })
            .Take(PersonResponse.MaxEvents)
            .ToList();
        return new PersonResponse { Id = person.Id, FullName = person.FullName, Positions = positions, Events = events };
    }
}
