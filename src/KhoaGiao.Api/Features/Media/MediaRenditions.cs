namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// The files a media item is served as: renditions at the standard widths no wider than the photo (and at the photo's
/// own width when it is narrower than the largest), each in WebP and JPEG, and the original. One rule, used to list
/// <c>sources</c>, to answer the routes, and to make the files.
/// </summary>
public static class MediaRenditions
{
    /// <summary>The widths screens ask for: phones, tablets, laptops and large screens.</summary>
    public static readonly IReadOnlyList<int> StandardWidths = [320, 640, 1024, 1600];

    /// <summary>The formats every rendition is made in, the smaller first (a <c>picture</c> element offers them in this order).</summary>
    public static readonly IReadOnlyList<MediaFormat> Formats = [MediaFormat.WebP, MediaFormat.Jpeg];

    /// <summary>The types renditions are served as, in <see cref="Formats"/> order.</summary>
    public static readonly IReadOnlyList<string> ContentTypes = [.. Formats.Select(f => f.ContentType())];

    /// <summary>The most renditions a photo has: every standard width in every format.</summary>
    public const int MaxSources = 8;

    /// <summary>The widths a photo <paramref name="width"/> pixels wide is served at, narrowest first; never wider than the photo.</summary>
    public static IReadOnlyList<int> WidthsFor(int width)
    {
        var widths = StandardWidths.Where(w => w <= width).ToList();
        if (width < StandardWidths[^1] && !widths.Contains(width))
        {
            widths.Add(width);
        }

        return widths;
    }

    /// <summary>
    /// The height of a rendition <paramref name="renditionWidth"/> wide, as the resize rounds it: renditions are made
    /// from the photo resized to its widest rendition (<see cref="MediaImaging.Render(byte[], IReadOnlyList{MediaFile})"/>),
    /// so the narrower ones round twice.
    /// </summary>
    public static int HeightAt(int width, int height, int renditionWidth)
    {
        var widest = WidthsFor(width)[^1];
        var widestHeight = Scaled(height, width, widest);
        return renditionWidth >= widest ? widestHeight : Scaled(widestHeight, widest, renditionWidth);
    }

    private static int Scaled(int height, int from, int to) =>
        to >= from ? height : Math.Max(1, (int)Math.Round((double)height * to / from, MidpointRounding.AwayFromZero));

    /// <summary>Every file served for a photo of this size and format: the original, then each width in each format.</summary>
    public static IEnumerable<MediaFile> FilesFor(MediaFormat format, int width) =>
        WidthsFor(width).SelectMany(w => Formats.Select(f => MediaFile.Rendition(w, f))).Prepend(MediaFile.Original(format));

    /// <summary>The storage keys of everything a media item has stored, its source included.</summary>
    public static IReadOnlyCollection<string> KeysOf(Guid id, MediaFormat format, int width) =>
        [MediaKeys.Source(id), .. FilesFor(format, width).Select(f => f.KeyOf(id))];
}
