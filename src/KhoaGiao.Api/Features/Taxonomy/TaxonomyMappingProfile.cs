using AutoMapper;
using KhoaGiao.Api.Features.Articles;

namespace KhoaGiao.Api.Features.Taxonomy;

public sealed class TaxonomyMappingProfile : Profile
{
    public TaxonomyMappingProfile()
    {
        // Filled per query through ProjectTo's parameters: counts are of articles visible at that instant.
        DateTimeOffset now = default;
        CreateProjection<Category, CategoryResponse>()
            .ForMember(r => r.ArticleCount, o => o.MapFrom(c =>
                c.Articles.Count(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now)));
        CreateProjection<Tag, TagResponse>()
            .ForMember(r => r.ArticleCount, o => o.MapFrom(t =>
                t.Articles.Count(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now)));
    }
}
