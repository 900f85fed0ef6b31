using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Organisations;

public static class ListOrganisations
{
    public static async Task<Ok<PageResponse<OrganisationResponse>>> HandleAsync(
        KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PageResponse<OrganisationResponse>(await db.Organisations.AsNoTracking()
            .OrderBy(o => o.Name)
            .ProjectTo<OrganisationResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken), NextCursor: null));
}
