using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class DeleteArticle
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id,
        KhoaGiaoDbContext db,
        AuditLog audit,
        ChangeLog changes,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await db.Articles.Include(a => a.Tags).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFound(id);
        }

        if (db.RequiredIfMatchProblem(article, a => a.Version, httpContext) is { } precondition)
        {
            return precondition;
        }

        if (!ArticleWorkflow.MayChangeContent(httpContext.User, article))
        {
            return ArticleProblems.NotYours();
        }

        db.Articles.Remove(article);
        audit.Add("article.deleted", "article", article.Id, $"slug={article.Slug}; title={article.Title}");
        // Gone now, so the event that listed it is named here rather than looked up.
        await changes.SaveAsync([ChangedItem.Article(article.Id), ChangedItem.Event(article.EventId)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
