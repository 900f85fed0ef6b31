using KhoaGiao.Api.Data;
using KhoaGiao.Api.Text;
using KhoaGiao.Api.Time;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Applies a validated <see cref="ArticleRequest"/> to an article: sanitising, slugging and tagging.</summary>
public sealed class ArticleEditor(KhoaGiaoDbContext db, ArticleSlugs slugs, ArticleTaxonomy taxonomy, ArticleBodySanitizer sanitizer, TimeProvider clock)
{
    /// <summary>
    /// The content the article would have once the request is applied, worked out without writing anything: text
    /// trimmed, body sanitised, slug kept unless given, and the category and tags named as the article already names
    /// them when they are the same ones (matched by slug, as <see cref="ArticleTaxonomy"/> finds them). Its
    /// <see cref="ArticleSnapshot.ChangedFrom"/> the article's own snapshot lists what the write would change, as the
    /// revision would record it; empty means the write would change nothing.
    /// </summary>
    public ArticleSnapshot ContentOf(Article article, ArticleRequest request)
    {
        var category = Clean(request.Category);
        return new ArticleSnapshot
        {
            Title = request.Title!.Trim(),
            Slug = request.Slug ?? article.Slug,
            Summary = Clean(request.Summary),
            Body = sanitizer.Sanitize(request.Body!),
            CoverImageUrl = request.CoverImageUrl,
            Category = category is null ? null
                : article.Category is { } current && current.Slug == SlugGenerator.FromTitle(category) ? current.Name
                : category,
            Tags = (request.Tags ?? []).Select(Clean).OfType<string>()
                .Select(name => (Slug: SlugGenerator.FromTitle(name), Name: name))
                .DistinctBy(tag => tag.Slug)
                .Select(tag => article.Tags.FirstOrDefault(current => current.Slug == tag.Slug)?.Name ?? tag.Name)
                .Order(StringComparer.Ordinal)
                .ToList(),
            SourceName = Clean(request.Source?.Name),
            SourceUrl = request.Source?.Url,
            SourceExternalId = Clean(request.Source?.ExternalId),
            EventId = request.EventId,
            Status = article.Status,
            PublishedAt = article.PublishedAt,
            Featured = request.Featured ?? article.Featured,
            FeaturedUntil = request.Featured is null ? article.FeaturedUntil : request.FeaturedUntil?.AsStored(),
            FeaturedOrder = request.Featured is null ? article.FeaturedOrder : request.FeaturedOrder,
        };
    }

    /// <summary>
    /// Gives the article this content (from <see cref="ContentOf"/>); returns the problem that stops it (an unknown
    /// event, a slug or source id another article holds), or null. Only what differs is looked up.
    /// </summary>
    public async Task<ProblemHttpResult?> ApplyAsync(Article article, ArticleSnapshot content, bool isNew, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!ArticleBodySanitizer.HasContent(content.Body))
        {
            return ArticleProblems.EmptyBody();
        }

        if (content.EventId is { } eventId && eventId != article.EventId
            && !await db.Events.AnyAsync(e => e.Id == eventId, cancellationToken))
        {
            return ArticleProblems.UnknownEvent(eventId);
        }

        // Only a source id the article does not have yet can be another article's.
        var sourceKey = ArticleSource.KeyOf(content.SourceName);
        if (sourceKey is not null && content.SourceExternalId is { } externalId
            && (sourceKey != article.Source.Key || externalId != article.Source.ExternalId)
            && await SourceHolderAsync(article.Id, sourceKey, externalId, cancellationToken) is { } sourceHolder)
        {
            return ArticleProblems.SourceTaken(content.SourceName, externalId, sourceHolder);
        }

        if (isNew && content.Slug.Length == 0)
        {
            article.Slug = await slugs.UniqueFromTitleAsync(content.Title, article.Id, cancellationToken);
        }
        else if (content.Slug != article.Slug)
        {
            if (await slugs.HolderAsync(content.Slug, article.Id, cancellationToken) is { } slugHolder)
            {
                return ArticleProblems.SlugTaken(content.Slug, slugHolder);
            }

            if (isNew)
            {
                article.Slug = content.Slug;
            }
            else
            {
                // Loaded here, not with the article: only a change of slug touches the redirects.
                await db.Entry(article).Collection(a => a.SlugRedirects).LoadAsync(cancellationToken);
                article.ChangeSlug(content.Slug, now);
            }
        }

        article.Title = content.Title;
        article.Summary = content.Summary;
        article.Body = content.Body;
        article.CoverImageUrl = content.CoverImageUrl;
        article.Featured = content.Featured;
        article.FeaturedUntil = content.FeaturedUntil;
        article.FeaturedOrder = content.FeaturedOrder;
        article.EventId = content.EventId;
        var categoryChanged = content.Category != article.Category?.Name;
        var tagsChanged = !content.Tags.SequenceEqual(article.Tags.Select(t => t.Name).Order(StringComparer.Ordinal));
        if (categoryChanged || tagsChanged)
        {
            var (category, tags) = await taxonomy.FindOrCreateAsync(
                categoryChanged ? content.Category : null, tagsChanged ? content.Tags : [], cancellationToken);
            if (categoryChanged)
            {
                article.Category = category;
            }

            if (tagsChanged)
            {
                article.Tags.Clear();
                article.Tags.AddRange(tags);
            }
        }

        article.Source.Name = content.SourceName;
        article.Source.Key = sourceKey;
        article.Source.Url = content.SourceUrl;
        article.Source.ExternalId = content.SourceExternalId;
        article.UpdatedAt = now;
        return null;
    }

    private Task<Guid?> SourceHolderAsync(Guid articleId, string sourceKey, string externalId, CancellationToken cancellationToken) =>
        db.Articles.Where(a => a.Id != articleId && a.Source.Key == sourceKey && a.Source.ExternalId == externalId)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
