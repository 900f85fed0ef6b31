using AutoMapper;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.Taxonomy;

namespace KhoaGiao.Api.Features.Articles;

public sealed class ArticleMappingProfile : Profile
{
    public ArticleMappingProfile()
    {
        CreateMap<Category, ArticleCategoryResponse>();
        CreateMap<Tag, ArticleTagResponse>();
        CreateMap<ArticleSource, ArticleSourceResponse>();
        CreateMap<Article, ArticleListItemResponse>()
            .ForMember(r => r.PublishedAt, o => o.MapFrom(a => a.PublishedAt!.Value))
            .ForMember(r => r.ViewCount, o => o.MapFrom(a => a.ViewTotal == null ? 0 : a.ViewTotal.Views));
        CreateMap<Event, ArticleEventResponse>();
        CreateMap<Article, ArticleResponse>()
            .ForMember(r => r.PublishedAt, o => o.MapFrom(a => a.PublishedAt ?? a.UpdatedAt))
            .ForMember(r => r.Event, o => o.MapFrom(a => a.Event != null && a.Event.Status == EventStatus.Published ? a.Event : null))
            .ForMember(r => r.ViewCount, o => o.MapFrom(a => a.ViewTotal == null ? 0 : a.ViewTotal.Views));
        CreateMap<Article, AdminArticleListItemResponse>();
        CreateMap<Article, AdminArticleResponse>()
            .ForMember(r => r.ViewCount, o => o.MapFrom(a => a.ViewTotal == null ? 0 : a.ViewTotal.Views));
    }
}
