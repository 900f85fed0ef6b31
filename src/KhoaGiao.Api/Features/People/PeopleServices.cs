namespace KhoaGiao.Api.Features.People;

public static class PeopleServices
{
    public static IServiceCollection AddPeople(this IServiceCollection services) => services.AddScoped<PersonEditor>();
}
