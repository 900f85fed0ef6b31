using System.Security.Claims;
using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Features.Sync;

namespace KhoaGiao.Api.Features.Articles;

public static class CreateArticle
{
    public static async Task<Results<Created<AdminArticleResponse>, ProblemHttpResult>> HandleAsync(
        ArticleRequest request,
        KhoaGiaoDbContext db,
        ArticleEditor editor,
        ArticleRevisions revisions,
        ChangeLog changes,
        IMapper mapper,
        TimeProvider clock,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = httpContext.User;
        var article = new Article
        {
            Slug = "",
            Title = "",
            Body = "",
            CreatedAt = now,
            UpdatedAt = now,
            AuthorId = user.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName
                && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ? userId : null,
        };

        // Tags and categories are created before the article is saved: one transaction keeps them from outliving a failed save.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await editor.ApplyAsync(article, request, isNew: true, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.Articles.Add(article);
        await revisions.AddAsync(article, "created", reason: null, cancellationToken);
        await changes.SaveAsync([ChangedItem.Article(article.Id)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ETags.Set(httpContext, article.Version);
        return TypedResults.Created($"/api/v1/admin/articles/{article.Id}", mapper.Map<AdminArticleResponse>(article));
    }
}
