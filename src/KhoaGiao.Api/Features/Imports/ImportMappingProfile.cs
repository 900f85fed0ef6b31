using AutoMapper;

namespace KhoaGiao.Api.Features.Imports;

public sealed class ImportMappingProfile : Profile
{
    public ImportMappingProfile()
    {
        CreateMap<ImportRun, ImportRunResponse>()
            .ForMember(r => r.Location, member => member.MapFrom(run => ImportDocuments.Shown(run.Location)));
        CreateMap<ImportRun, ImportRunDetailResponse>()
            .IncludeBase<ImportRun, ImportRunResponse>();
        CreateMap<ImportFailure, ImportFailureResponse>();
    }
}
