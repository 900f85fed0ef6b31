using AutoMapper;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.Taxonomy;
using KhoaGiao.Api.Site;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Articles as the API serves them. Delivery representations carry the portal's addresses (<see cref="SiteLinks"/>);
/// management ones keep the stored photo paths, so what an editor reads can be sent back unchanged.
/// </summary>
public sealed class ArticleMappingProfile : Profile
{
    public ArticleMappingProfile(SiteLinks links)
    {
        CreateMap<Category, ArticleCategoryResponse>();
        CreateMap<Tag, ArticleTagResponse>();
        CreateMap<ArticleSource, ArticleSourceResponse>();
        CreateMap<Article, ArticleListItemResponse>()
            .ForMember(r => r.PublishedAt, o => o.MapFrom(a => a.PublishedAt!.Value))
            .ForMember(r => r.Url, o => o.MapFrom(links.ArticleUrl()))
            .ForMember(r => r.CoverImageUrl, o => o.MapFrom(links.CoverImageUrl()))
            .ForMember(r => r.Cover, o => o.MapFrom(a => a.CoverImage))
            .ForMember(r => r.Tags, o => o.MapFrom(DeliveredTags.Of))
            .ForMember(r => r.ViewCount, o => o.MapFrom(a => a.ViewTotal == null ? 0 : a.ViewTotal.Views));
        CreateMap<Article, ArticleResponse>()
            .ForMember(r => r.PublishedAt, o => o.MapFrom(a => a.PublishedAt ?? a.UpdatedAt))
            .ForMember(r => r.Url, o => o.MapFrom(links.ArticleUrl()))
            .ForMember(r => r.CoverImageUrl, o => o.MapFrom(links.CoverImageUrl()))
            .ForMember(r => r.Body, o => o.MapFrom(links.Body()))
            .ForMember(r => r.Cover, o => o.MapFrom(a => a.CoverImage))
            .ForMember(r => r.Tags, o => o.MapFrom(DeliveredTags.Of))
            .ForMember(r => r.Event, o => o.MapFrom(a => a.Event != null && a.Event.Status == EventStatus.Published
                ? new ArticleEventResponse
                {
                    Id = a.Event.Id, Slug = a.Event.Slug, Title = a.Event.Title, Kind = a.Event.Kind, StartsAt = a.Event.StartsAt,
                }
                : null))
            .ForMember(r => r.ViewCount, o => o.MapFrom(a => a.ViewTotal == null ? 0 : a.ViewTotal.Views));
        CreateMap<Article, AdminArticleListItemResponse>()
            .ForMember(r => r.Url, o => o.MapFrom(links.ArticleUrl()));
        CreateMap<Article, AdminArticleResponse>()
            .ForMember(r => r.Url, o => o.MapFrom(links.ArticleUrl()))
            .ForMember(r => r.ViewCount, o => o.MapFrom(a => a.ViewTotal == null ? 0 : a.ViewTotal.Views));
    }
}
