using System.Security.Claims;
using KhoaGiao.Api.Data;

namespace KhoaGiao.Api.Features.Audit;

/// <summary>
/// Records security-relevant actions. <see cref="Add"/> puts the entry in the caller's unit of work, so it is saved
/// (or not) with the change it describes; <see cref="RecordAsync"/> saves at once, for actions that change nothing
/// else (a failed login).
/// </summary>
public sealed class AuditLog(KhoaGiaoDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Add(string action, string? targetType = null, object? targetId = null, string? details = null, ClaimsPrincipal? actor = null)
    {
        var user = actor ?? http.HttpContext?.User;
        var authenticated = user?.Identity?.IsAuthenticated == true;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = authenticated ? user!.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            ActorName = authenticated ? user!.FindFirstValue(ClaimTypes.Name) ?? user!.Identity!.Name : null,
            Action = action,
            TargetType = targetType,
            TargetId = targetId?.ToString(),
            Details = details is { Length: > 2000 } ? details[..2000] : details,
        });
    }

    public async Task RecordAsync(string action, string? targetType = null, object? targetId = null, string? details = null,
        ClaimsPrincipal? actor = null, CancellationToken cancellationToken = default)
    {
        Add(action, targetType, targetId, details, actor);
        await db.SaveChangesAsync(cancellationToken);
    }
}
