using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Media;

public static class MediaServices
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.AddSettings<MediaOptions>();
        builder.Services.AddSingleton<IMediaStorage>(services =>
            services.GetRequiredService<IOptions<MediaOptions>>().Value.Storage == MediaStorageKind.S3
                ? ActivatorUtilities.CreateInstance<S3MediaStorage>(services)
                : ActivatorUtilities.CreateInstance<LocalMediaStorage>(services));
        builder.Services.AddSingleton<MediaImaging>();
        builder.Services.AddSingleton<MediaFiles>();
        builder.Services.AddSingleton<MediaFileIndex>();
        builder.Services.AddSingleton<MediaRenditionQueue>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MediaRenditionQueue>());
        builder.Services.AddScoped<MediaUploads>();
        return builder;
    }
}
