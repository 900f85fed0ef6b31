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
        // The person's positions are replaced as a whole: two saves of one person queue behind its row lock, so the
        // second replaces what the first wrote instead of failing to delete positions the first already removed.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM people WHERE id = {id} FOR UPDATE", cancellationToken);
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

        // Read under the row lock, before the commit, as MergePeople does: a delete right after could otherwise win.
        var updated = (await PersonQueries.ResponseAsync(db, mapper, id, publishedEventsOnly: false, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(updated);
    }
}
