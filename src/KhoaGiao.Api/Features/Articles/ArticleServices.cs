namespace KhoaGiao.Api.Features.Articles;

public static class ArticleServices
{
    public static WebApplicationBuilder AddArticles(this WebApplicationBuilder builder)
    {
        builder.AddSettings<EditorialOptions>();
        builder.Services
            .AddSingleton<ArticleBodySanitizer>()
            .AddSingleton<PreviewTokens>()
            .AddSingleton<ArticleReads>()
            .AddScoped<ArticleSlugs>()
            .AddScoped<ArticleTaxonomy>()
            .AddScoped<ArticleEditor>()
            .AddScoped<DeliveredBodies>()
            .AddScoped<ArticleRevisions>()
            .AddScoped<ArticleWrites>()
            .AddSingleton<ScheduledPublisher>()
            .AddHostedService(services => services.GetRequiredService<ScheduledPublisher>());
        return builder;
    }
}
