using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Accounts;

public static class GetUser
{
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await UserQueries.Responses(db, clock.GetUtcNow()).FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is { } user
            ? TypedResults.Ok(user)
            : UserProblems.NotFound(id);
}
