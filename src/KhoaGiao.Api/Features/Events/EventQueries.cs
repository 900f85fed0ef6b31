using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

/// <summary>Reads events as the API shows them.</summary>
public static class EventQueries
{
    /// <summary>The one rule for what anonymous readers may see.</summary>
    public static IQueryable<Event> WherePublished(this IQueryable<Event> events) =>
        events.Where(e => e.Status == EventStatus.Published);

    public static IQueryable<Event> WhereIdOrSlug(this IQueryable<Event> events, string idOrSlug) =>
        Guid.TryParse(idOrSlug, out var id)
            ? events.Where(e => e.Id == id)
            : events.Where(e => e.Slug == idOrSlug.ToLowerInvariant());

    /// <summary>An event's participations by role in page order, then display order.</summary>
    public static async Task<List<ParticipationResponse>> ParticipationsAsync(
        KhoaGiaoDbContext db, IMapper mapper, Guid eventId, CancellationToken cancellationToken)
    {
        var participations = await db.Participations.AsNoTracking().Where(p => p.EventId == eventId)
            .ProjectTo<ParticipationResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);

        // Roles are stored as text; page order is the enum's, so the sort happens here.
        return participations.OrderBy(p => p.Role).ThenBy(p => p.DisplayOrder).ThenBy(p => p.Id).ToList();
    }

    /// <summary>Participants grouped by role, roles in page order, people in display order.</summary>
    public static IReadOnlyList<EventRoleGroupResponse> GroupByRole(IEnumerable<ParticipationResponse> participations) =>
        participations
            .GroupBy(p => p.Role)
            .OrderBy(g => g.Key)
            .Select(g => new EventRoleGroupResponse
            {
                Role = g.Key,
                Participants = g.Select(p => new EventParticipantResponse
                {
                    PersonId = p.PersonId,
                    FullName = p.FullName,
                    TitleAtEvent = p.TitleAtEvent,
                }).ToList(),
            })
            .ToList();

    public static async Task<List<EventArticleResponse>> ArticlesAsync(
        KhoaGiaoDbContext db, IMapper mapper, Guid eventId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Articles.AsNoTracking().WhereVisibleAt(now).Where(a => a.EventId == eventId)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(EventResponse.MaxArticles)
            .ProjectTo<EventArticleResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);

    /// <summary>The delivery representation of the first of these events (the caller applies the visibility rule), with participants and published articles.</summary>
    public static async Task<EventResponse?> ResponseAsync(
        KhoaGiaoDbContext db, IMapper mapper, IQueryable<Event> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = await events.ProjectTo<EventListItemResponse>(mapper.ConfigurationProvider).FirstOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return null;
        }

        var participations = await ParticipationsAsync(db, mapper, item.Id, cancellationToken);
        return new EventResponse(item)
        {
            Participants = GroupByRole(participations),
            Articles = await ArticlesAsync(db, mapper, item.Id, now, cancellationToken),
        };
    }

    public static async Task<AdminEventResponse?> AdminResponseAsync(
        KhoaGiaoDbContext db, IMapper mapper, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Events.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Status, e.Version })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var item = await db.Events.AsNoTracking().Where(e => e.Id == id)
            .ProjectTo<EventListItemResponse>(mapper.ConfigurationProvider)
            .SingleAsync(cancellationToken);
        return new AdminEventResponse(item)
        {
            Status = row.Status,
            Version = row.Version,
            Participations = await ParticipationsAsync(db, mapper, id, cancellationToken),
        };
    }
}
