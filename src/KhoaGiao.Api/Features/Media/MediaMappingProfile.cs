using AutoMapper;
using KhoaGiao.Api.Site;

namespace KhoaGiao.Api.Features.Media;

/// <summary>Media items as the API serves them, with URLs on the media host (<see cref="SiteLinks.MediaBase"/>).</summary>
public sealed class MediaMappingProfile : Profile
{
    public MediaMappingProfile(SiteLinks links)
    {
        var mediaBase = links.MediaBase;
        // Sources is worked out from the size and the id (MediaRenditions), not read.
        CreateMap<MediaItem, MediaResponse>()
            .ForMember(r => r.MediaBase, o => o.MapFrom(_ => mediaBase))
            .ForMember(r => r.Sources, o => o.Ignore());
        CreateMap<MediaItem, AdminMediaResponse>()
            .ForMember(r => r.MediaBase, o => o.MapFrom(_ => mediaBase))
            .ForMember(r => r.Sources, o => o.Ignore());
    }
}
