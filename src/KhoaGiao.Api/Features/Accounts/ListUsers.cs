using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Accounts;

public static class ListUsers
{
    public static async Task<Ok<PageResponse<UserResponse>>> HandleAsync(
        [AsParameters] PageQuery query, KhoaGiaoDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var users = UserQueries.Responses(db, clock.GetUtcNow());
        if (TextCursor.TryDecode(query.Cursor, out var after))
        {
            users = users.Where(u => EF.Functions.GreaterThan(ValueTuple.Create(u.Email, u.Id), ValueTuple.Create(after.Position, after.Id)));
        }

        var limit = query.Limit ?? Paging.MaxLimit;
        var items = await users.OrderBy(u => u.Email).ThenBy(u => u.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.Page(items, limit, u => new TextCursor(u.Email, u.Id).Encode()));
    }
}
