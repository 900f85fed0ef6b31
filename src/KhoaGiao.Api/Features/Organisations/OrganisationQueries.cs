using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Organisations;

/// <summary>Reads an organisation back as the API shows it, after a write.</summary>
public static class OrganisationQueries
{
    public static Task<OrganisationResponse> ResponseAsync(KhoaGiaoDbContext db, IMapper mapper, Guid id, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .ProjectTo<OrganisationResponse>(mapper.ConfigurationProvider)
            .SingleAsync(cancellationToken);
}
