using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

public static class UpdateArticle
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        ArticleRequest request,
        KhoaGiaoDbContext db,
        ArticleEditor editor,
        ArticleRevisions revisions,
        IMapper mapper,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        // Tags and categories are created before the article is saved: one transaction keeps them from outliving a failed save.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await db.ArticleForWriteAsync(id, cancellationToken);
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

        if (await editor.ApplyAsync(article, request, isNew: false, cancellationToken) is { } problem)
        {
            return problem;
        }

        await revisions.AddAsync(article, "updated", reason: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ETags.Set(httpContext, article.Version);
        return TypedResults.Ok(mapper.Map<AdminArticleResponse>(article));
    }
}
