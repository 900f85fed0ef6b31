namespace KhoaGiao.Api.Features.Organisations;

public static class OrganisationServices
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) => services.AddScoped<OrganisationEditor>();
}
