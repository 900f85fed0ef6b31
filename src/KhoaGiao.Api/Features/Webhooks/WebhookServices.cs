namespace KhoaGiao.Api.Features.Webhooks;

public static class WebhookServices
{
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.AddSettings<WebhooksOptions>();
        builder.Services.AddSingleton<WebhookDestinations>()
            .AddSingleton<WebhookSecrets>()
            .AddSingleton<WebhookWakeUp>()
            .AddSingleton<WebhookDispatcher>()
            .AddHostedService(services => services.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddHttpClient(WebhookDispatcher.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => WebhookDestinations.Handler(services.GetRequiredService<WebhookDestinations>()));
        return builder;
    }
}
