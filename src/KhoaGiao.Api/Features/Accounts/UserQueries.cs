using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>Reads accounts with their role names, as admins see them.</summary>
public static class UserQueries
{
    public static IQueryable<UserResponse> Responses(KhoaGiaoDbContext db, DateTimeOffset now) =>
        db.Users.AsNoTracking().Select(u => new UserResponse
        {
            Id = u.Id,
            Email = u.Email!,
            DisplayName = u.DisplayName,
            Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToList(),
            DisabledAt = u.DisabledAt,
            LockedOutUntil = u.LockoutEnd > now ? u.LockoutEnd : null,
            CreatedAt = u.CreatedAt,
        });
}
