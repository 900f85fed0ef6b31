using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.People;

public static class UpdatePerson
{
    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, PersonRequest request, KhoaGiaoDbContext db, ChangeLog changes, PersonEditor editor, IMapper mapper,
        CancellationToken cancellationToken)
    {
        var person = await db.People.Include(p => p.Positions).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return PersonProblems.NotFound(id);
        }

        if (await editor.ApplyAsync(person, request, cancellationToken) is { } problem)
        {
            return problem;
        }

        await changes.SaveAsync([ChangedItem.Person(person.Id)], cancellationToken);
        return TypedResults.Ok((await PersonQueries.ResponseAsync(db, mapper, id, publishedEventsOnly: false, cancellationToken))!);
    }
}
