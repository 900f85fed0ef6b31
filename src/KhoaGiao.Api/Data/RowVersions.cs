using System.Linq.Expressions;
using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KhoaGiao.Api.Data;

/// <summary>
/// Honours <c>If-Match</c> on writes: compares it with the row version the entity was loaded with, and makes
/// the database re-check that version when saving, so a change in between is a concurrency failure too.
/// </summary>
public static class RowVersions
{
    /// <summary>What <c>If-Match</c> says about a write.</summary>
    public enum IfMatchOutcome
    {
        /// <summary>It names the current version (or is <c>*</c>).</summary>
        Current,

        /// <summary>It is absent, where the write requires it (428).</summary>
        Missing,

        /// <summary>It names another version, or nothing parseable (412).</summary>
        Stale,
    }

    /// <summary>
    /// The check for writes that require <c>If-Match</c> (RFC 6585 §3: 428 without it), such as article edits and
    /// workflow actions: two editors saving one article cannot silently overwrite each other.
    /// </summary>
    public static IfMatchOutcome CheckRequiredIfMatch<TEntity>(
        this KhoaGiaoDbContext db, TEntity entity, Expression<Func<TEntity, uint>> version, IfMatch ifMatch)
        where TEntity : class =>
        !ifMatch.Sent ? IfMatchOutcome.Missing
        : db.MatchesIfMatch(entity, version, ifMatch) ? IfMatchOutcome.Current
        : IfMatchOutcome.Stale;

    /// <summary>The 428 or 412 problem a write that requires <c>If-Match</c> must answer, or null to go ahead.</summary>
    public static ProblemHttpResult? RequiredIfMatchProblem<TEntity>(
        this KhoaGiaoDbContext db, TEntity entity, Expression<Func<TEntity, uint>> version, IfMatch ifMatch)
        where TEntity : class => db.CheckRequiredIfMatch(entity, version, ifMatch) switch
        {
            IfMatchOutcome.Missing => ProblemResults.PreconditionRequired(),
            IfMatchOutcome.Stale => ProblemResults.PreconditionFailed(),
            _ => null,
        };

    /// <inheritdoc cref="RequiredIfMatchProblem{TEntity}(KhoaGiaoDbContext, TEntity, Expression{Func{TEntity, uint}}, IfMatch)"/>
    public static ProblemHttpResult? RequiredIfMatchProblem<TEntity>(
        this KhoaGiaoDbContext db, TEntity entity, Expression<Func<TEntity, uint>> version, HttpContext context)
        where TEntity : class => db.RequiredIfMatchProblem(entity, version, IfMatch.From(context));

    /// <summary>False when <c>If-Match</c> names a version other than the entity's current one.</summary>
    public static bool MatchesIfMatch<TEntity>(
        this KhoaGiaoDbContext db, TEntity entity, Expression<Func<TEntity, uint>> version, HttpContext context)
        where TEntity : class => db.MatchesIfMatch(entity, version, IfMatch.From(context));

    /// <inheritdoc cref="MatchesIfMatch{TEntity}(KhoaGiaoDbContext, TEntity, Expression{Func{TEntity, uint}}, HttpContext)"/>
    public static bool MatchesIfMatch<TEntity>(
        this KhoaGiaoDbContext db, TEntity entity, Expression<Func<TEntity, uint>> version, IfMatch ifMatch)
        where TEntity : class
    {
        if (!ifMatch.Matchable)
        {
            return false;
        }

        if (ifMatch.Version is not { } value)
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
