namespace KhoaGiao.Api.Features.Counters;

/// <summary>An article's views on one calendar day in Asia/Ho_Chi_Minh: the buckets of the most-viewed rankings.</summary>
public sealed class ArticleViewDay
{
    public Guid ArticleId { get; init; }

    public DateOnly Day { get; init; }

    public long Views { get; set; }
}
