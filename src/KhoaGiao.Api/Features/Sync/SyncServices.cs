namespace KhoaGiao.Api.Features.Sync;

public static class SyncServices
{
    public static WebApplicationBuilder AddSync(this WebApplicationBuilder builder)
    {
        builder.AddSettings<SyncOptions>();
        builder.Services.AddScoped<ChangeLog>().AddScoped<ChangeFeed>();
        builder.Services.AddSingleton<DeliveryCacheEviction>().AddSingleton<ChangeCommitInterceptor>();
        builder.Services.AddSingleton<ChangeListener>().AddHostedService(services => services.GetRequiredService<ChangeListener>());
        builder.Services.AddSingleton<ChangeLogPurger>().AddHostedService(services => services.GetRequiredService<ChangeLogPurger>());
        return builder;
    }
}
