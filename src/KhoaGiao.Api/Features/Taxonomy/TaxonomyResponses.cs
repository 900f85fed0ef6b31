namespace KhoaGiao.Api.Features.Taxonomy;

/// <summary>A category with the number of articles the public can read in it.</summary>
public sealed record CategoryResponse
{
    /// <example>hoat-dong-khoa-giao</example>
    public required string Slug { get; init; }

    /// <example>Hoạt động khoa giáo</example>
    public required string Name { get; init; }

    /// <example>12</example>
    public int ArticleCount { get; init; }
}

/// <summary>A tag with the number of articles the public can read with it.</summary>
public sealed record TagResponse
{
    /// <example>toa-dam</example>
    public required string Slug { get; init; }

    /// <example>Tọa đàm</example>
    public required string Name { get; init; }

    /// <example>5</example>
    public int ArticleCount { get; init; }
}
