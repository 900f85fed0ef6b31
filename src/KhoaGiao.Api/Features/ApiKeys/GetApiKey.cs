using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.ApiKeys;

public static class GetApiKey
{
    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.Id == id)
            .ProjectTo<ApiKeyResponse>(mapper.ConfigurationProvider)
            .FirstOrDefaultAsync(cancellationToken);
        return key is null ? ApiKeyProblems.NotFound(id) : TypedResults.Ok(key);
    }
}
