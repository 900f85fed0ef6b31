using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.ApiKeys;

public static class ListApiKeys
{
    public static async Task<Ok<PageResponse<ApiKeyResponse>>> HandleAsync(
        [AsParameters] TimePageQuery query, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.ApiKeys.AsNoTracking().NewestFirstAsync(query.Cursor, query.Limit ?? Paging.MaxLimit,
            k => k.CreatedAt, k => k.Id, mapper.ConfigurationProvider, (ApiKeyResponse k) => new Cursor(k.CreatedAt, k.Id), cancellationToken));
    }
}
