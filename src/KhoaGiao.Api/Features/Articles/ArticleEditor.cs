using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Applies a validated <see cref="ArticleRequest"/> to an article: sanitising, slugging and tagging.</summary>
public sealed class ArticleEditor(KhoaGiaoDbContext db, ArticleSlugs slugs, ArticleTaxonomy taxonomy, ArticleBodySanitizer sanitizer, TimeProvider clock)
{
    /// <summary>Applies the request; returns the problem that stops it (a slug in use, an unknown event), or null.</summary>
    public async Task<ProblemHttpResult?> ApplyAsync(Article article, ArticleRequest request, bool isNew, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var title = request.Title!.Trim();
        if (request.EventId is { } eventId && !await db.Events.AnyAsync(e => e.Id == eventId, cancellationToken))
        {
            return ArticleProblems.UnknownEvent(eventId);
        }

        if (request.Slug is { } slug)
        {
            if (await slugs.IsTakenAsync(slug, article.Id, cancellationToken))
            {
                return ArticleProblems.SlugTaken(slug);
            }

            SetSlug(article, slug, isNew, now);
        }
        else if (isNew)
        {
            article.Slug = await slugs.UniqueFromTitleAsync(title, article.Id, cancellationToken);
        }

        article.Title = title;
        article.Summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim();
        article.Body = sanitizer.Sanitize(request.Body!);
        article.CoverImageUrl = request.CoverImageUrl;
        article.IndexForSearch();
        article.EventId = request.EventId;
        article.Category = await taxonomy.CategoryAsync(request.Category, cancellationToken);
        var tags = await taxonomy.TagsAsync(request.Tags, cancellationToken);
        article.Tags.Clear();
        article.Tags.AddRange(tags);
        article.Source.Name = request.Source?.Name?.Trim();
        article.Source.Key = ArticleSource.KeyOf(article.Source.Name);
        article.Source.Url = request.Source?.Url;
        article.Source.ExternalId = request.Source?.ExternalId?.Trim();
        article.UpdatedAt = now;
        return null;
    }

    private static void SetSlug(Article article, string slug, bool isNew, DateTimeOffset now)
    {
        if (isNew)
        {
            article.Slug = slug;
        }
        else
        {
            article.ChangeSlug(slug, now);
        }
    }
}
