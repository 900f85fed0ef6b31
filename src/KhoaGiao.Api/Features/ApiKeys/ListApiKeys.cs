using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.ApiKeys;

public static class ListApiKeys
{
    public static async Task<Ok<List<ApiKeyResponse>>> HandleAsync(
        KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ApiKeys.AsNoTracking()
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .ProjectTo<ApiKeyResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken));
}
