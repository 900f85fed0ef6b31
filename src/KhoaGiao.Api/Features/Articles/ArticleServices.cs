namespace KhoaGiao.Api.Features.Articles;

public static class ArticleServices
{
    public static IServiceCollection AddArticles(this IServiceCollection services) => services
        .AddSingleton<ArticleBodySanitizer>()
        .AddScoped<ArticleSlugs>()
        .AddScoped<ArticleTaxonomy>()
        .AddScoped<ArticleEditor>();
}
