using AutoMapper;
using KhoaGiao.Api.Data;

namespace KhoaGiao.Api.Features.People;

public static class AdminGetPerson
{
    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken) =>
        await PersonQueries.ResponseAsync(db, mapper, id, publishedEventsOnly: false, cancellationToken) is { } person
            ? TypedResults.Ok(person)
            : PersonProblems.NotFound(id);
}
