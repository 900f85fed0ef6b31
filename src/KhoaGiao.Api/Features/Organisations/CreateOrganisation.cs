using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;

namespace KhoaGiao.Api.Features.Organisations;

public static class CreateOrganisation
{
    public static async Task<Results<Created<OrganisationResponse>, ProblemHttpResult>> HandleAsync(
        OrganisationRequest request, KhoaGiaoDbContext db, ChangeLog changes, OrganisationEditor editor, IMapper mapper, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var organisation = new Organisation { Name = "", CreatedAt = clock.GetUtcNow() };
        if (await editor.ApplyAsync(organisation, request, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.Organisations.Add(organisation);
        await changes.SaveAsync([ChangedItem.Organisation(organisation.Id)], cancellationToken);
        var response = await OrganisationQueries.ResponseAsync(db, mapper, organisation.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/organisations/{organisation.Id}", response);
    }
}
