using AutoMapper;
using KhoaGiao.Api.Site;

namespace KhoaGiao.Api.Features.Media;

/// <summary>Media items as the API serves them, with URLs on the media host (<see cref="SiteLinks.MediaBase"/>).</summary>
public sealed class MediaMappingProfile : Profile
{
    public MediaMappingProfile(SiteLinks links)
    {
        var mediaBase = links.MediaBase;
        CreateMap<MediaItem, MediaResponse>()
            .ForMember(r => r.MediaBase, o => o.MapFrom(_ => mediaBase));
        CreateMap<MediaItem, AdminMediaResponse>()
            .ForMember(r => r.MediaBase, o => o.MapFrom(_ => mediaBase));
    }
}
