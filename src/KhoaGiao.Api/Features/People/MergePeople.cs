using AutoMapper;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.People;

/// <summary>Body of <c>POST /api/v1/admin/people/{id}/merge</c>.</summary>
public sealed record MergePeopleRequest
{
    /// <summary>The duplicate record to fold into the person in the URL; it is deleted.</summary>
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d99</example>
    public Guid? DuplicateId { get; init; }
}

public sealed class MergePeopleRequestValidator : AbstractValidator<MergePeopleRequest>
{
    public MergePeopleRequestValidator() => RuleFor(r => r.DuplicateId).NotNull().NotEqual(Guid.Empty);
}

public static class MergePeople
{
    /// <summary>
    /// Moves the duplicate's participations and positions to the person, then deletes the duplicate, in one
    /// transaction. Where both took the same role at the same event, the person's own participation stays.
    /// </summary>
    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, MergePeopleRequest request, KhoaGiaoDbContext db, ChangeLog changes, IMapper mapper, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var duplicateId = request.DuplicateId!.Value;
        if (duplicateId == id)
        {
            return ProblemResults.Validation("duplicateId", "Không thể gộp một người vào chính họ.", "A person cannot be merged into themselves.");
        }

        // Both rows are locked, in id order, before anything moves: two merges of the same pair (either way round), or a
        // merge beside an update of either person, queue here instead of deadlocking over each other's rows. The
        // second then finds the duplicate gone (404).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM people WHERE id = {id} OR id = {duplicateId} ORDER BY id FOR UPDATE
            """).ToListAsync(cancellationToken);
        if (!found.Contains(id))
        {
            return PersonProblems.NotFound(id);
        }

        if (!found.Contains(duplicateId))
        {
            return PersonProblems.NotFound(duplicateId);
        }

        var kept = db.Participations.Where(x => x.PersonId == id);
        await db.Participations
            .Where(x => x.PersonId == duplicateId && kept.Any(k => k.EventId == x.EventId && k.Role == x.Role))
            .ExecuteDeleteAsync(cancellationToken);
        await db.Participations.Where(x => x.PersonId == duplicateId)
            .ExecuteUpdateAsync(x => x.SetProperty(p => p.PersonId, id), cancellationToken);
        await db.PersonPositions.Where(p => p.PersonId == duplicateId)
            .ExecuteUpdateAsync(x => x.SetProperty(p => p.PersonId, id), cancellationToken);
        await db.People.Where(p => p.Id == duplicateId).ExecuteDeleteAsync(cancellationToken);
        await db.People.Where(p => p.Id == id).ExecuteUpdateAsync(x => x.SetProperty(p => p.UpdatedAt, clock.GetUtcNow()), cancellationToken);
        await changes.RecordAsync([ChangedItem.Person(id), ChangedItem.Person(duplicateId)], cancellationToken);

        // Read under the row lock, before the commit: once it is released a concurrent delete of the person can land
        // first, and the answer would be a 200 without a body.
        var merged = (await PersonQueries.ResponseAsync(db, mapper, id, publishedEventsOnly: false, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(merged);
    }
}
