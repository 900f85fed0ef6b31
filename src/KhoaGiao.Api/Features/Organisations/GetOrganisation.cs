using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Organisations;

public static class GetOrganisation
{
    public static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .ProjectTo<OrganisationResponse>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken);
        return organisation is null ? OrganisationProblems.NotFound(id) : TypedResults.Ok(organisation);
    }
}
