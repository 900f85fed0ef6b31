using FluentValidation;

namespace KhoaGiao.Api.Features.Feeds;

/// <summary>Query string of <c>GET /api/v1/feeds/articles.rss</c> and <c>.atom</c>.</summary>
public sealed record ArticleFeedQuery
{
    /// <summary>Only articles in this category (slug).</summary>
    /// <example>hoat-dong-khoa-giao</example>
    [OpenApi.Longest(Text.SlugGenerator.MaxLength)]
    public string? Category { get; init; }

    /// <summary>Only articles with this tag (slug).</summary>
    /// <example>toa-dam</example>
    [OpenApi.Longest(Text.SlugGenerator.MaxLength)]
    public string? Tag { get; init; }

    /// <summary>How many of the latest articles, 1–100 (default 50).</summary>
    /// <example>50</example>
    public int? Limit { get; init; }
}

public sealed class ArticleFeedQueryValidator : AbstractValidator<ArticleFeedQuery>
{
    public ArticleFeedQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
    }
}
