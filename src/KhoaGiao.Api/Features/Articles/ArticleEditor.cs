namespace KhoaGiao.Api.Features.Articles;

/// <summary>Applies a validated <see cref="ArticleRequest"/> to an article: sanitising, slugging and tagging.</summary>
public sealed class ArticleEditor(ArticleSlugs slugs, ArticleTaxonomy taxonomy, ArticleBodySanitizer sanitizer, TimeProvider clock)
{
    /// <summary>Applies the request; returns the requested slug when another article already has it, else null.</summary>
    public async Task<string?> ApplyAsync(Article article, ArticleRequest request, bool isNew, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var title = request.Title!.Trim();
        if (request.Slug is { } slug)
        {
            if (await slugs.IsTakenAsync(slug, article.Id, cancellationToken))
            {
                return slug;
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
        article.Category = await taxonomy.CategoryAsync(request.Category, cancellationToken);
        var tags = await taxonomy.TagsAsync(request.Tags, cancellationToken);
        article.Tags.Clear();
        article.Tags.AddRange(tags);
        article.Source.Name = request.Source?.Name?.Trim();
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
