using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class ListArticleRevisions
{
    public static async Task<Results<Ok<PageResponse<ArticleRevisionSummaryResponse>>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return ArticleProblems.NotFound(id);
        }

        var revisions = await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == id)
            .OrderByDescending(r => r.Number)
            .Select(r => new ArticleRevisionSummaryResponse
            {
                Number = r.Number,
                CreatedAt = r.CreatedAt,
                ActorId = r.ActorId,
                ActorName = r.ActorName,
                Action = r.Action,
                ChangedFields = r.ChangedFields,
                Reason = r.Reason,
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PageResponse<ArticleRevisionSummaryResponse>(revisions, NextCursor: null));
    }
}
