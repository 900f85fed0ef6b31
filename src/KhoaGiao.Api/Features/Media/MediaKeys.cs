namespace KhoaGiao.Api.Features.Media;

/// <summary>Storage keys of a media item's files, all under <c>media/{id}/</c>: made from the id, a width and a format only.</summary>
public static class MediaKeys
{
    /// <summary>The bytes as uploaded, metadata included: kept to make the other files from, never served.</summary>
    public static string Source(Guid id) => $"media/{id:N}/source";

    /// <summary>The full-size file served as the original: upright, in the uploaded format, without metadata.</summary>
    public static string Original(Guid id, MediaFormat format) => $"media/{id:N}/original.{format.Extension()}";

    /// <summary>A rendition <paramref name="width"/> pixels wide.</summary>
    public static string Rendition(Guid id, int width, MediaFormat format) => $"media/{id:N}/{width}.{format.Extension()}";
}
