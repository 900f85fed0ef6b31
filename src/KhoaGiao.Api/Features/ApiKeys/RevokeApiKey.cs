using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.ApiKeys;

public static class RevokeApiKey
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var revoked = await db.ApiKeys
            .Where(k => k.Id == id)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, x => x.RevokedAt ?? clock.GetUtcNow()), cancellationToken);
        return revoked == 0
            ? ApiKeyProblems.NotFound(id)
            : TypedResults.NoContent();
    }
}
