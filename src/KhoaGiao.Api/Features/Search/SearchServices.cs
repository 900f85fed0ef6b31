namespace KhoaGiao.Api.Features.Search;

public static class SearchServices
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.AddSettings<SearchOptions>();
        builder.Services.AddSingleton<SearchStatistics>().AddSingleton<ArticleSearch>();
        return builder;
    }
}
