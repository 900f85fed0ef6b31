using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Media;
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
            CoverImageId = request.CoverImageId,
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

        if (await MissingMediaProblemAsync(article, content, cancellationToken) is { } missingMedia)
        {
            return missingMedia;
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
        article.CoverImageId = content.CoverImageId;
        await SyncFiguresAsync(article, cancellationToken);
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

    /// <summary>The 400 naming a cover or body photo that is not in the media library; only photos the article does not show yet are looked up.</summary>
    private async Task<ProblemHttpResult?> MissingMediaProblemAsync(Article article, ArticleSnapshot content, CancellationToken cancellationToken)
    {
        var wanted = MediaFigures.IdsIn(content.Body).Except(await FiguresAsync(article, cancellationToken)).ToList();
        var cover = content.CoverImageId is { } coverId && coverId != article.CoverImageId ? coverId : (Guid?)null;
        if (cover is not null)
        {
            wanted.Add(cover.Value);
        }

        if (wanted.Count == 0)
        {
            return null;
        }

        var found = await db.MediaItems.Where(m => wanted.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
        if (cover is not null && !found.Contains(cover.Value))
        {
            return ArticleProblems.UnknownMedia("coverImageId", cover.Value);
        }

        return wanted.FirstOrDefault(id => !found.Contains(id)) is var missing && missing != Guid.Empty
            ? ArticleProblems.UnknownMedia("body", missing)
            : null;
    }

    /// <summary>Makes <see cref="Article.Figures"/> name the photos the body shows.</summary>
    private async Task SyncFiguresAsync(Article article, CancellationToken cancellationToken)
    {
        var shown = MediaFigures.IdsIn(article.Body).ToHashSet();
        var current = await FiguresAsync(article, cancellationToken);
        if (shown.SetEquals(current))
        {
            return;
        }

        article.Figures.RemoveAll(f => !shown.Contains(f.MediaId));
        article.Figures.AddRange(shown.Except(current).Select(id => new ArticleFigure { ArticleId = article.Id, MediaId = id }));
    }

    /// <summary>The photos the article's saved body shows; read once per write, and not at all for a new article.</summary>
    private async Task<IReadOnlyCollection<Guid>> FiguresAsync(Article article, CancellationToken cancellationToken)
    {
        var entry = db.Entry(article);
        if (entry.State is not (EntityState.Added or EntityState.Detached) && !entry.Collection(a => a.Figures).IsLoaded)
        {
            await entry.Collection(a => a.Figures).LoadAsync(cancellationToken);
        }

        return [.. article.Figures.Select(f => f.MediaId)];
    }

    private Task<Guid?> SourceHolderAsync(Guid articleId, string sourceKey, string externalId, CancellationToken cancellationToken) =>
        db.Articles.Where(a => a.Id != articleId && a.Source.Key == sourceKey && a.Source.ExternalId == externalId)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
