using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.ApiKeys;

public static class RevokeApiKey
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var revoked = await db.ApiKeys
            .Where(k => k.Id == id)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, x => x.RevokedAt ?? clock.GetUtcNow()), cancellationToken);
        if (revoked == 0)
        {
            return ApiKeyProblems.NotFound(id);
        }

        await audit.RecordAsync("apiKey.revoked", "apiKey", id, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }
}
