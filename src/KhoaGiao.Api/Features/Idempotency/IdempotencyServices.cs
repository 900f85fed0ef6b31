namespace KhoaGiao.Api.Features.Idempotency;

public static class IdempotencyServices
{
    public static WebApplicationBuilder AddIdempotency(this WebApplicationBuilder builder)
    {
        builder.AddSettings<IdempotencyOptions>();
        builder.Services.AddScoped<IdempotencyKeys>()
            .AddSingleton<IdempotencyPurger>()
            .AddHostedService(services => services.GetRequiredService<IdempotencyPurger>());
        return builder;
    }
}
