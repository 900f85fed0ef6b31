namespace KhoaGiao.Api.Features.Idempotency;

public static class IdempotencyServices
{
    public static WebApplicationBuilder AddIdempotency(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyOptions>()
            .Bind(builder.Configuration.GetSection("Idempotency"))
            .Validate(o => o.PurgeIntervalMinutes is >= 1 and <= IdempotencyOptions.MaxPurgeIntervalMinutes,
                $"Idempotency:PurgeIntervalMinutes must be between 1 and {IdempotencyOptions.MaxPurgeIntervalMinutes}.")
            .ValidateOnStart();
        builder.Services.AddScoped<IdempotencyKeys>()
            .AddSingleton<IdempotencyPurger>()
            .AddHostedService(services => services.GetRequiredService<IdempotencyPurger>());
        return builder;
    }
}
