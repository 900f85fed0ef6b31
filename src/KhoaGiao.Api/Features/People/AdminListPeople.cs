using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.People;

public static class AdminListPeople
{
    public static async Task<Ok<PageResponse<PersonListItemResponse>>> HandleAsync(
        [AsParameters] ListPeopleQuery query, KhoaGiaoDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListPeople.PageAsync(db, db.People, query, cancellationToken));
}
