using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class GetArticleRevision
{
    public static async Task<Results<Ok<ArticleRevisionResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, int number, KhoaGiaoDbContext db, CancellationToken cancellationToken)
    {
        var revision = await db.ArticleRevisions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ArticleId == id && r.Number == number, cancellationToken);
        return revision is null
            ? ArticleProblems.NoSuchRevision(id, number)
            : TypedResults.Ok(new ArticleRevisionResponse
            {
                Number = revision.Number,
                CreatedAt = revision.CreatedAt,
                ActorId = revision.ActorId,
                ActorName = revision.ActorName,
                Action = revision.Action,
                ChangedFields = revision.ChangedFields,
                Reason = revision.Reason,
                Content = revision.Content,
            });
    }
}
