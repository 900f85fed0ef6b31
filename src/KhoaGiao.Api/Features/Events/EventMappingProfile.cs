using AutoMapper;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Organisations;

namespace KhoaGiao.Api.Features.Events;

public sealed class EventMappingProfile : Profile
{
    public EventMappingProfile()
    {
        CreateMap<Organisation, EventOrganiserResponse>();
        CreateMap<Event, EventListItemResponse>()
            .ForMember(r => r.Cover, o => o.MapFrom(e => e.CoverImage));
        CreateMap<Participation, ParticipationResponse>()
            .ForMember(r => r.FullName, o => o.MapFrom(p => p.Person!.FullName));
        CreateMap<Article, EventArticleResponse>()
            .ForMember(r => r.PublishedAt, o => o.MapFrom(a => a.PublishedAt!.Value));
    }
}
