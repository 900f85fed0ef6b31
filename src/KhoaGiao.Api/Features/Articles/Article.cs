using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.Search;
using KhoaGiao.Api.Features.Taxonomy;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>A news article ("tin bài").</summary>
public sealed class Article
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Slug { get; set; }

    public required string Title { get; set; }

    /// <summary>The lead paragraph ("sapo").</summary>
    public string? Summary { get; set; }

    /// <summary>Sanitised HTML; photos as <c>figure</c>/<c>figcaption</c>.</summary>
    public required string Body { get; set; }

    /// <summary>The search columns of the row, written on save from the text (<see cref="ArticleSearchInterceptor"/>); reads leave them out.</summary>
    public ArticleSearchColumns? Search { get; set; }

    /// <summary>A cover photo elsewhere, by address (imported articles); <see cref="CoverImageId"/> names one of the library.</summary>
    public string? CoverImageUrl { get; set; }

    /// <summary>The cover photo from the media library, served in the sizes screens need.</summary>
    public Guid? CoverImageId { get; set; }

    public Media.MediaItem? CoverImage { get; set; }

    /// <summary>The library's photos the body shows, in step with it.</summary>
    public List<ArticleFigure> Figures { get; set; } = [];

    /// <summary>Shown in the homepage's slider while <see cref="FeaturedUntil"/> has not passed.</summary>
    public bool Featured { get; set; }

    /// <summary>When the article leaves the slider by itself; null: when an editor takes it out.</summary>
    public DateTimeOffset? FeaturedUntil { get; set; }

    /// <summary>Place in the slider, smallest first; null after those that have one.</summary>
    public int? FeaturedOrder { get; set; }

    public Guid? EventId { get; set; }

    /// <summary>The event the article reports on, if any.</summary>
    public Event? Event { get; set; }

    public Guid? CategoryId { get; set; }

    public Category? Category { get; set; }

    public List<Tag> Tags { get; set; } = [];

    public ArticleStatus Status { get; private set; } = ArticleStatus.Draft;

    public DateTimeOffset? PublishedAt { get; private set; }

    public ArticleSource Source { get; set; } = new();

    /// <summary>"Lượt xem": how many times the article was read; absent until the first view.</summary>
    public ArticleViewTotal? ViewTotal { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token mapped to PostgreSQL's <c>xmin</c>; exposed as the ETag.</summary>
    public uint Version { get; set; }

    /// <summary>Former slugs that still resolve (with a 301) to this article.</summary>
    public List<ArticleSlugRedirect> SlugRedirects { get; set; } = [];

    /// <summary>The staff account that created the article; null when an integration (API key) did.</summary>
    public Guid? AuthorId { get; init; }

    /// <summary>Applies a workflow action already checked against <see cref="ArticleWorkflow"/>.</summary>
    public void Apply(ArticleAction action, DateTimeOffset now, DateTimeOffset? publishAt = null)
    {
        switch (action)
        {
            case ArticleAction.Submit:
                Status = ArticleStatus.InReview;
                break;
            case ArticleAction.Publish when publishAt > now:
                Status = ArticleStatus.Scheduled;
                PublishedAt = publishAt.Value.ToUniversalTime();
                break;
            case ArticleAction.Publish:
                // Republishing keeps an earlier publish time, so a corrected story does not jump to the top.
                Status = ArticleStatus.Published;
                PublishedAt = (publishAt ?? (PublishedAt <= now ? PublishedAt : now)).Value.ToUniversalTime();
                break;
            case ArticleAction.Reject:
            case ArticleAction.Unpublish:
                Status = ArticleStatus.Draft;
                break;
            case ArticleAction.Archive:
                Status = ArticleStatus.Archived;
                break;
        }

        UpdatedAt = now;
    }

    /// <summary>Whether publishing at <paramref name="publishAt"/> (<see cref="Apply"/>) would leave status and publish time as they are.</summary>
    public bool IsPublishedAt(DateTimeOffset publishAt, DateTimeOffset now) =>
        Status == (publishAt > now ? ArticleStatus.Scheduled : ArticleStatus.Published) && PublishedAt == publishAt;

    /// <summary>The scheduler's step: a scheduled article whose time has come becomes published.</summary>
    public void PublishScheduled(DateTimeOffset now)
    {
        Status = ArticleStatus.Published;
        UpdatedAt = now;
    }

    /// <summary>Gives the article a new slug, keeping the old one as a redirect.</summary>
    public void ChangeSlug(string newSlug, DateTimeOffset now)
    {
        if (newSlug == Slug)
        {
            return;
        }

        SlugRedirects.RemoveAll(r => r.Slug == newSlug);
        SlugRedirects.Add(new ArticleSlugRedirect { Slug = Slug, ArticleId = Id, CreatedAt = now });
        Slug = newSlug;
    }
}
