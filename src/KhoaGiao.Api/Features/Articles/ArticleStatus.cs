namespace KhoaGiao.Api.Features.Articles;

/// <summary>Where an article is in the editorial workflow ("trạng thái").</summary>
public enum ArticleStatus
{
    /// <summary>Being written; never visible to the delivery API.</summary>
    Draft,

    /// <summary>Submitted for an editor's review.</summary>
    InReview,

    /// <summary>Approved for a future <c>publishedAt</c>; the scheduler publishes it then.</summary>
    Scheduled,

    /// <summary>Visible to the delivery API.</summary>
    Published,

    /// <summary>Withdrawn from the public but kept.</summary>
    Archived,
}
