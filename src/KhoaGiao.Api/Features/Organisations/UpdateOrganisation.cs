using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Organisations;

public static class UpdateOrganisation
{
    public static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, OrganisationRequest request, KhoaGiaoDbContext db, ChangeLog changes, OrganisationEditor editor, IMapper mapper,
        CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return OrganisationProblems.NotFound(id);
        }

        if (await editor.ApplyAsync(organisation, request, cancellationToken) is { } problem)
        {
            return problem;
        }

        await changes.SaveAsync([ChangedItem.Organisation(organisation.Id)], cancellationToken);
        return TypedResults.Ok(await OrganisationQueries.ResponseAsync(db, mapper, id, cancellationToken));
    }
}
