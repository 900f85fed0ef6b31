using KhoaGiao.Api.Features.Articles;

namespace KhoaGiao.Api.Features.Taxonomy;

/// <summary>A keyword attached to articles ("từ khóa").</summary>
public sealed class Tag
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Slug { get; init; }

    public required string Name { get; set; }

    public List<Article> Articles { get; init; } = [];
}
