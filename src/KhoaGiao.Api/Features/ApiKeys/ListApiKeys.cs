using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.ApiKeys;

public static class ListApiKeys
{
    public static async Task<Ok<PageResponse<ApiKeyResponse>>> HandleAsync(
        KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PageResponse<ApiKeyResponse>(await db.ApiKeys.AsNoTracking()
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .ProjectTo<ApiKeyResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken), NextCursor: null));
}
