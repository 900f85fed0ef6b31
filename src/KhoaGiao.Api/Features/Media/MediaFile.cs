namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// One file a media item is served as: the original (<see cref="Width"/> null) or a rendition. Its URL name is
/// <c>original.jpg</c> or <c>640.webp</c>.
/// </summary>
public readonly record struct MediaFile(int? Width, MediaFormat Format)
{
    public static MediaFile Original(MediaFormat format) => new(null, format);

    public static MediaFile Rendition(int width, MediaFormat format) => new(width, format);

    public bool IsOriginal => Width is null;

    /// <summary>The last segment of the file's URL.</summary>
    public string Name => $"{(Width is { } width ? width.ToString(System.Globalization.CultureInfo.InvariantCulture) : "original")}.{Format.Extension()}";

    public string KeyOf(Guid id) => Width is { } width ? MediaKeys.Rendition(id, width, Format) : MediaKeys.Original(id, Format);

    /// <summary>
    /// A strong ETag: the file's bytes follow from the uploaded file's hash and the file's name alone, and a stored file
    /// is never rewritten with other bytes.
    /// </summary>
    public string ETagFor(string sha256) => $"\"{sha256[..32]}-{Name}\"";

    /// <summary>The file a URL name names, when it is one a photo of this size and format is served as.</summary>
    public static MediaFile? Parse(string name, MediaFormat format, int width)
    {
        var dot = name.IndexOf('.');
        if (dot <= 0 || MediaFormats.FromExtension(name[(dot + 1)..]) is not { } extension)
        {
            return null;
        }

        var stem = name[..dot];
        if (stem == "original")
        {
            return extension == format ? Original(format) : null;
        }

        return stem.Length <= 5 && stem.All(char.IsAsciiDigit) && stem[0] != '0'
            && int.Parse(stem, System.Globalization.CultureInfo.InvariantCulture) is var w
            && MediaRenditions.Formats.Contains(extension) && MediaRenditions.WidthsFor(width).Contains(w)
            ? Rendition(w, extension)
            : null;
    }
}
