using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.ApiKeys;

public static class ListApiKeys
{
    public static async Task<Ok<PageResponse<ApiKeyResponse>>> HandleAsync(
        [AsParameters] TimePageQuery query, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var keys = db.ApiKeys.AsNoTracking();
        if (Cursor.TryDecode(query.Cursor, out var after))
        {
            keys = keys.Where(k => EF.Functions.LessThan(ValueTuple.Create(k.CreatedAt, k.Id), ValueTuple.Create(after.Position, after.Id)));
        }

        var limit = query.Limit ?? Paging.MaxLimit;
        var items = await keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(limit + 1)
            .ProjectTo<ApiKeyResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.Page(items, limit, k => new Cursor(k.CreatedAt, k.Id).Encode()));
    }
}
