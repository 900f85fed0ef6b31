using KhoaGiao.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Organisations;

/// <summary>Applies a validated <see cref="OrganisationRequest"/>, checking what only the database knows.</summary>
public sealed class OrganisationEditor(KhoaGiaoDbContext db, TimeProvider clock)
{
    /// <summary>Applies the request; returns the problem that stops it, or null.</summary>
    public async Task<ProblemHttpResult?> ApplyAsync(Organisation organisation, OrganisationRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name!.Trim();
        if (await db.Organisations.Where(o => o.Name == name && o.Id != organisation.Id).Select(o => (Guid?)o.Id)
                .FirstOrDefaultAsync(cancellationToken) is { } holder)
        {
            return OrganisationProblems.NameTaken(name, holder);
        }

        if (request.ParentId is { } parentId)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == parentId, cancellationToken))
            {
                return OrganisationProblems.UnknownParent(parentId);
            }

            if (await IsSelfOrDescendantAsync(parentId, organisation.Id, cancellationToken))
            {
                return OrganisationProblems.ParentCycle();
            }
        }

        organisation.Name = name;
        organisation.ShortName = string.IsNullOrWhiteSpace(request.ShortName) ? null : request.ShortName.Trim();
        organisation.ParentId = request.ParentId;
        organisation.UpdatedAt = clock.GetUtcNow();
        return null;
    }

    private async Task<bool> IsSelfOrDescendantAsync(Guid candidate, Guid organisationId, CancellationToken cancellationToken)
    {
        // Walks up from the proposed parent; organisation trees are a few levels deep.
        Guid? current = candidate;
        for (var depth = 0; current is { } id && depth < 64; depth++)
        {
            if (id == organisationId)
            {
                return true;
            }

            current = await db.Organisations.Where(o => o.Id == id).Select(o => o.ParentId).FirstOrDefaultAsync(cancellationToken);
        }

        return false;
    }
}
