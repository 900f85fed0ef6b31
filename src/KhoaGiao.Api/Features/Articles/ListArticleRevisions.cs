using System.Globalization;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class ListArticleRevisions
{
    public static async Task<Results<Ok<PageResponse<ArticleRevisionSummaryResponse>>, ProblemHttpResult>> HandleAsync(
        Guid id, [AsParameters] PageQuery query, KhoaGiaoDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return ArticleProblems.NotFound(id);
        }

        var revisions = db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id);
        if (TextCursor.TryDecode(query.Cursor, out var after))
        {
            // The cursor holds the number of the page's last revision; numbers are unique within an article.
            if (!int.TryParse(after.Position, NumberStyles.None, CultureInfo.InvariantCulture, out var before))
            {
                return ProblemResults.Validation("cursor", "Con trỏ phân trang không hợp lệ.", "The cursor is not valid.");
            }

            revisions = revisions.Where(r => r.Number < before);
        }

        var limit = query.Limit ?? Paging.MaxLimit;
        var items = await revisions
            .OrderByDescending(r => r.Number)
            .Take(limit + 1)
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
        return TypedResults.Ok(Paging.Page(items, limit, r => new TextCursor(r.Number.ToString(CultureInfo.InvariantCulture), Guid.Empty).Encode()));
    }
}
