using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Accounts;

public static class ListUsers
{
    public static async Task<Ok<PageResponse<UserResponse>>> HandleAsync(
        KhoaGiaoDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PageResponse<UserResponse>(
            await UserQueries.Responses(db, clock.GetUtcNow()).OrderBy(u => u.Email).ToListAsync(cancellationToken), NextCursor: null));
}
