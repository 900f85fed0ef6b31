using AutoMapper;

namespace KhoaGiao.Api.Features.People;

public sealed class PersonMappingProfile : Profile
{
    public PersonMappingProfile()
    {
        CreateMap<PersonPosition, PositionResponse>();
    }
}
