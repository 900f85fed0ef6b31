using AutoMapper;

namespace KhoaGiao.Api.Features.Organisations;

public sealed class OrganisationMappingProfile : Profile
{
    public OrganisationMappingProfile() => CreateMap<Organisation, OrganisationResponse>();
}
