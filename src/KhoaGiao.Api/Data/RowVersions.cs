using System.Linq.Expressions;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Data;

/// <summary>
/// Honours <c>If-Match</c> on writes: compares it with the row version the entity was loaded with, and makes
/// the database re-check that version when saving, so a change in between is a concurrency failure too.
/// </summary>
public static class RowVersions
{
    /// <summary>False when <c>If-Match</c> names a version other than the entity's current one.</summary>
    public static bool MatchesIfMatch<TEntity>(
        this KhoaGiaoDbContext db, TEntity entity, Expression<Func<TEntity, uint>> version, HttpContext context)
        where TEntity : class
    {
        if (!ETags.TryGetIfMatch(context, out var expected))
        {
            return false;
        }

        if (expected is not { } value)
        {
            return true;
        }

        var property = db.Entry(entity).Property(version);
        if (property.CurrentValue != value)
        {
            return false;
        }

        property.OriginalValue = value;
        return true;
    }
}
