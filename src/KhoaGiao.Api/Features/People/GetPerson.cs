using AutoMapper;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.People;

public static class GetPerson
{
    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var isPublic = await db.People.Where(p => p.Id == id).WherePublic(db).AnyAsync(cancellationToken);
        var person = isPublic ? await PersonQueries.ResponseAsync(db, mapper, id, publishedEventsOnly: true, cancellationToken) : null;
        return person is null ? PersonProblems.NotFound(id) : TypedResults.Ok(person);
    }
}
