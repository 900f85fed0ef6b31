using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.People;

public static class DeletePerson
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, ChangeLog changes, AuditLog audit, CancellationToken cancellationToken)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return PersonProblems.NotFound(id);
        }

        var events = await db.Participations.Where(x => x.PersonId == id)
            .Join(db.Events, x => x.EventId, e => e.Id, (_, e) => e.Slug)
            .Distinct().OrderBy(s => s).Take(10)
            .ToListAsync(cancellationToken);
        if (events.Count > 0)
        {
            return ProblemResults.Conflict(
                $"Người này vẫn có tên trong các sự kiện: {string.Join(", ", events)}. Hãy gỡ khỏi sự kiện hoặc gộp vào người khác trước.",
                $"The person still takes part in events: {string.Join(", ", events)}. Remove the participations or merge the person first.");
        }

        db.People.Remove(person);
        audit.Add("person.deleted", "person", person.Id, $"name={person.FullName}");
        await changes.SaveAsync([ChangedItem.Person(person.Id)], cancellationToken);
        return TypedResults.NoContent();
    }
}
