using KhoaGiao.Api.Data;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Events;

/// <summary>Applies a validated <see cref="EventRequest"/>: slug, organiser and times.</summary>
public sealed class EventEditor(KhoaGiaoDbContext db, TimeProvider clock)
{
    /// <summary>Applies the request; returns the problem that stops it, or null.</summary>
    public async Task<ProblemHttpResult?> ApplyAsync(Event entity, EventRequest request, bool isNew, CancellationToken cancellationToken)
    {
        var title = request.Title!.Trim();
        var otherEvents = db.Events.Where(e => e.Id != entity.Id);
        if (request.Slug is { } slug)
        {
            if (await otherEvents.Where(e => e.Slug == slug).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken) is { } holder)
            {
                return EventProblems.SlugTaken(slug, holder);
            }

            entity.Slug = slug;
        }
        else if (isNew)
        {
            var derived = SlugGenerator.FromTitle(title);
            var (from, to) = UniqueSlugs.VariantRange(derived);
            var taken = await otherEvents.Select(e => e.Slug)
                .Where(s => s == derived || (string.Compare(s, from) >= 0 && string.Compare(s, to) < 0))
                .ToListAsync(cancellationToken);
            entity.Slug = UniqueSlugs.FirstFree(derived, taken.ToHashSet());
        }

        if (request.OrganiserId is { } organiserId && !await db.Organisations.AnyAsync(o => o.Id == organiserId, cancellationToken))
        {
            return EventProblems.UnknownOrganiser(organiserId);
        }

        if (request.CoverImageId is { } coverId && coverId != entity.CoverImageId
            && !await db.MediaItems.AnyAsync(m => m.Id == coverId, cancellationToken))
        {
            return EventProblems.UnknownMedia(coverId);
        }

        entity.Kind = request.Kind!.Value;
        entity.Title = title;
        entity.OrganiserId = request.OrganiserId;
        entity.CoverImageId = request.CoverImageId;
        entity.StartsAt = request.StartsAt!.Value.ToUniversalTime();
        entity.EndsAt = request.EndsAt?.ToUniversalTime();
        entity.Location = string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim();
        entity.Summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim();
        entity.UpdatedAt = clock.GetUtcNow();
        return null;
    }
}
