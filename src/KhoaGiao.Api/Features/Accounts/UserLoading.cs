using KhoaGiao.Api.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>
/// Loads a staff account for a write. Identity guards each update of an account with its concurrency stamp, so two
/// writers that loaded the same stamp (an admin disabling the account while another resets its password, two failed
/// sign-ins counting towards lockout, two sign-outs) make the second fail, and its pending change then fails the
/// request's next save with a conflict the client cannot avoid. Every writer of an account therefore locks the
/// account's row for its transaction before loading it: they queue, and each sees the stamp the previous one left.
/// </summary>
public static class UserLoading
{
    /// <summary>Locks the account's row for the caller's transaction, then loads it; null when there is no such account.</summary>
    public static async Task<EditorUser?> UserForWriteAsync(
        this UserManager<EditorUser> users, KhoaGiaoDbContext db, Guid id, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM users WHERE id = {id} FOR UPDATE", cancellationToken);
        return await users.FindByIdAsync(id.ToString());
    }

    /// <summary>Locks the row of the account with this e-mail, if there is one, for the caller's transaction, then loads it.</summary>
    public static async Task<EditorUser?> UserByEmailForWriteAsync(
        this UserManager<EditorUser> users, KhoaGiaoDbContext db, string email, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        var normalized = users.NormalizeEmail(email);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM users WHERE normalized_email = {normalized} FOR UPDATE", cancellationToken);
        return await users.FindByEmailAsync(email);
    }

    private static void RequireTransaction(KhoaGiaoDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Load an account for a write inside a transaction.");
        }
    }
}
