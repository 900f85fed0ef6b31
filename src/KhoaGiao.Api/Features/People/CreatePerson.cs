using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;

namespace KhoaGiao.Api.Features.People;

public static class CreatePerson
{
    public static async Task<Results<Created<PersonResponse>, ProblemHttpResult>> HandleAsync(
        PersonRequest request, KhoaGiaoDbContext db, ChangeLog changes, PersonEditor editor, IMapper mapper, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var person = new Person { CreatedAt = clock.GetUtcNow() };
        if (await editor.ApplyAsync(person, request, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.People.Add(person);
        await changes.SaveAsync([ChangedItem.Person(person.Id)], cancellationToken);
        var response = await PersonQueries.ResponseAsync(db, mapper, person.Id, publishedEventsOnly: false, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/people/{person.Id}", response!);
    }
}
