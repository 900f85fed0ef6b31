using AutoMapper;

namespace KhoaGiao.Api.Features.Audit;

public sealed class AuditMappingProfile : Profile
{
    public AuditMappingProfile() => CreateMap<AuditEntry, AuditEntryResponse>();
}
