using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Organisations;

public static class DeleteOrganisation
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, ChangeLog changes, AuditLog audit, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return OrganisationProblems.NotFound(id);
        }

        var events = await db.Events.Where(e => e.OrganiserId == id).Select(e => e.Slug).Take(10).ToListAsync(cancellationToken);
        var children = await db.Organisations.Where(o => o.ParentId == id).Select(o => o.Name).Take(10).ToListAsync(cancellationToken);
        var positions = await db.PersonPositions.CountAsync(p => p.OrganisationId == id, cancellationToken);
        if (events.Count + children.Count + positions > 0)
        {
            return ProblemResults.Conflict(
                $"Cơ quan, tổ chức vẫn đang được dùng: sự kiện [{string.Join(", ", events)}], đơn vị trực thuộc [{string.Join(", ", children)}], {positions} chức vụ.",
                $"The organisation is still referenced: events [{string.Join(", ", events)}], child organisations [{string.Join(", ", children)}], {positions} positions.");
        }

        db.Organisations.Remove(organisation);
        audit.Add("organisation.deleted", "organisation", organisation.Id, $"name={organisation.Name}");
        await changes.SaveAsync([ChangedItem.Organisation(organisation.Id)], cancellationToken);
        return TypedResults.NoContent();
    }
}
