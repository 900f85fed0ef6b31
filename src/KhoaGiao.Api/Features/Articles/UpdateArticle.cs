using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

public static class UpdateArticle
{
    public static async Task<Results<Ok<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        Guid id,
        ArticleRequest request,
        KhoaGiaoDbContext db,
        ArticleEditor editor,
        IMapper mapper,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var article = await db.Articles
            .Include(a => a.Category)
            .Include(a => a.Tags)
            .Include(a => a.SlugRedirects)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ArticleProblems.NotFound(id);
        }

        if (!db.MatchesIfMatch(article, a => a.Version, httpContext))
        {
            return ProblemResults.PreconditionFailed();
        }

        // Tags and categories are created before the article is saved: one transaction keeps them from outliving a failed save.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await editor.ApplyAsync(article, request, isNew: false, cancellationToken) is { } problem)
        {
            return problem;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ETags.Set(httpContext, article.Version);
        return TypedResults.Ok(mapper.Map<AdminArticleResponse>(article));
    }
}
