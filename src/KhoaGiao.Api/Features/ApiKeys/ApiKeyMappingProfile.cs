using AutoMapper;

namespace KhoaGiao.Api.Features.ApiKeys;

public sealed class ApiKeyMappingProfile : Profile
{
    public ApiKeyMappingProfile() => CreateMap<ApiKey, ApiKeyResponse>();
}
