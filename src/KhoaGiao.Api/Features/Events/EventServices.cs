namespace KhoaGiao.Api.Features.Events;

public static class EventServices
{
    public static IServiceCollection AddEvents(this IServiceCollection services) => services
        .AddScoped<EventEditor>()
        .AddScoped<ParticipationEditor>();
}
