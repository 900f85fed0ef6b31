namespace KhoaGiao.Api.Features.Articles;

public static class ArticleServices
{
    public static WebApplicationBuilder AddArticles(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EditorialOptions>()
            .Bind(builder.Configuration.GetSection("Editorial"))
            .Validate(o => o.BatchParallelism is >= 1 and <= 64, "Editorial:BatchParallelism must be between 1 and 64.")
            .ValidateOnStart();
        builder.Services
            .AddSingleton<ArticleBodySanitizer>()
            .AddSingleton<PreviewTokens>()
            .AddScoped<ArticleSlugs>()
            .AddScoped<ArticleTaxonomy>()
            .AddScoped<ArticleEditor>()
            .AddScoped<ArticleRevisions>()
            .AddScoped<ArticleWrites>()
            .AddSingleton<ScheduledPublisher>()
            .AddHostedService(services => services.GetRequiredService<ScheduledPublisher>());
        return builder;
    }
}
