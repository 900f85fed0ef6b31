using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Organisations;

public static class ListOrganisations
{
    public static async Task<Ok<PageResponse<OrganisationResponse>>> HandleAsync(
        [AsParameters] PageQuery query, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var organisations = db.Organisations.AsNoTracking();
        if (TextCursor.TryDecode(query.Cursor, out var after))
        {
            organisations = organisations.Where(o => EF.Functions.GreaterThan(
                ValueTuple.Create(o.Name, o.Id), ValueTuple.Create(after.Position, after.Id)));
        }

        var limit = query.Limit ?? Paging.MaxLimit;
        var items = await organisations.OrderBy(o => o.Name).ThenBy(o => o.Id).Take(limit + 1)
            .ProjectTo<OrganisationResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.Page(items, limit, o => new TextCursor(o.Name, o.Id).Encode()));
    }
}
