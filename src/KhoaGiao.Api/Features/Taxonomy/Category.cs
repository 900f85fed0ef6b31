using KhoaGiao.Api.Features.Articles;

namespace KhoaGiao.Api.Features.Taxonomy;

/// <summary>A section of the portal ("chuyên mục"), e.g. "Hoạt động khoa giáo".</summary>
public sealed class Category
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Slug { get; init; }

    public required string Name { get; set; }

    public List<Article> Articles { get; init; } = [];
}
