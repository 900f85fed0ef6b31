namespace KhoaGiao.Api.Features.Media;

/// <summary>How each <see cref="MediaFormat"/> is named on the wire and in file names.</summary>
public static class MediaFormats
{
    /// <summary>The media type served for files of the format.</summary>
    public static string ContentType(this MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => "image/jpeg",
        MediaFormat.Png => "image/png",
        MediaFormat.WebP => "image/webp",
        MediaFormat.Gif => "image/gif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The file extension used in URLs and storage keys, without the dot.</summary>
    public static string Extension(this MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => "jpg",
        MediaFormat.Png => "png",
        MediaFormat.WebP => "webp",
        MediaFormat.Gif => "gif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The format whose <see cref="Extension"/> this is, or null.</summary>
    public static MediaFormat? FromExtension(string extension) => extension switch
    {
        "jpg" => MediaFormat.Jpeg,
        "png" => MediaFormat.Png,
        "webp" => MediaFormat.WebP,
        "gif" => MediaFormat.Gif,
        _ => null,
    };
}
