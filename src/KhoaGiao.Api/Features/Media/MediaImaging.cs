using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using NetVips;

namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// Reads and renders the library's photos (ảnh) with libvips, as the imaging benchmark chose (docs/benchmarks.md):
/// <see cref="TryRead"/> decides from the bytes and the header alone whether an upload is taken, and
/// <see cref="Render(byte[], IReadOnlyList{MediaFile})"/> makes the files to serve: renditions (a width, WebP or JPEG)
/// from one decode, and the cleaned original. Every
/// output is upright, sRGB, and carries no metadata at all (EXIF with its GPS position, XMP, IPTC, ICC, comments).
/// One instance serves every request at once: it holds no image between calls.
/// </summary>
public sealed class MediaImaging(IOptions<MediaOptions> options)
{
    /// <summary>libvips's largest coordinate (VIPS_MAX_COORD): a height that never binds, so the width decides.</summary>
    private const int Unbounded = 10_000_000;

    /// <summary>Where a photo carries no offset of its own, it is taken to have been taken in Vietnam.</summary>
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The loaders left unblocked: the library accepts these four types and nothing else.</summary>
    private static readonly string[] AllowedLoaders = ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadNsgif", "VipsForeignLoadWebp"];

    private readonly long _maxPixels = options.Value.MaxPixels;

    /// <summary>What the header says, with what rendering needs beyond <see cref="ImageInfo"/>.</summary>
    private sealed record Header(ImageInfo Info, int Frames, bool HasProfile);

    /// <summary>
    /// The native build also loads SVG (librsvg), HEIF and AVIF (libheif), TIFF, PDF and more: every loader is blocked
    /// but the four accepted (libvips 8.13 and later), so bytes that got past the magic-number check still reach no other
    /// parser. The operation cache is off: it would keep decoded images of one request for the next, for nothing here.
    /// Both settings are process-wide, hence set once, by the type's (thread-safe) static initialisation.
    /// </summary>
    static MediaImaging()
    {
        Cache.Max = 0;
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in AllowedLoaders)
        {
            Operation.Block(loader, false);
        }
    }

    /// <summary>
    /// Whether the bytes are an image the library takes, from the magic number and the header only: no pixel is
    /// decoded, so a small file declaring a huge image is refused in microseconds. Width × height × frames (an animated
    /// GIF or WebP keeps every frame in its original) over <see cref="MediaOptions.MaxPixels"/> is refused. A file cut
    /// short, or whose header libvips cannot parse, is <see cref="ImageRefusal.Unreadable"/>.
    /// </summary>
    public ImageRefusal TryRead(byte[] bytes, out ImageInfo? info)
    {
        var refusal = Inspect(bytes, out var header);
        info = header?.Info;
        return refusal;
    }

    /// <summary>
    /// One file to serve, made from the uploaded bytes: upright (EXIF orientation applied), converted to sRGB from an
    /// embedded ICC profile, <paramref name="width"/> pixels wide (never wider than the image) and without metadata.
    /// In the source's own format at full width it is the cleaned original: JPEG Q90, PNG lossless (8 bits a channel,
    /// as libvips's thumbnail makes every image), WebP Q90, GIF with every frame. Otherwise it is a rendition of the first frame: JPEG Q82 4:2:0 (on white where there is
    /// transparency) or WebP Q80, as the benchmark measured them. The same bytes give the same output, byte for byte,
    /// so two instances that render one key at once store the same file.
    /// </summary>
    /// <exception cref="ArgumentException">The source is refused by <see cref="TryRead"/>, or PNG or GIF is asked for other than as the original.</exception>
    public byte[] Render(byte[] source, int width, MediaFormat output)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        return Render(source, [new MediaFile(width, output)])[0];
    }

    /// <summary>
    /// Several files of one photo, from as few decodes as the rule above allows: the original on its own, and every
    /// rendition from one copy of the photo resized to <see cref="MediaRenditions.WidthsFor"/>'s widest (shrinking on
    /// load), held in memory. A rendition is made this way whether it is asked for alone or with others, so its bytes
    /// do not depend on the company it was made in. A file's <see cref="MediaFile.Width"/> null or at least the photo's
    /// width is the photo at full size.
    /// </summary>
    /// <exception cref="ArgumentException">The source is refused by <see cref="TryRead"/>, or PNG or GIF is asked for other than as the original.</exception>
    public IReadOnlyList<byte[]> Render(byte[] source, IReadOnlyList<MediaFile> files)
    {
        var refusal = Inspect(source, out var header);
        if (header is null)
        {
            throw new ArgumentException($"The source is not an image the library takes ({refusal}).", nameof(source));
        }

        var info = header.Info;
        var results = new byte[files.Count][];
        var renditions = new List<(int Index, int Width, MediaFormat Output)>();
        for (var i = 0; i < files.Count; i++)
        {
            var (width, output) = (Math.Min(files[i].Width ?? info.Width, info.Width), files[i].Format);
            if (output == info.Format && width == info.Width)
            {
                results[i] = Original(source, header);
            }
            else if (output is MediaFormat.Jpeg or MediaFormat.WebP)
            {
                renditions.Add((i, width, output));
            }
            else
            {
                throw new ArgumentException($"{output} is written only as the original of a {output} upload; renditions are JPEG or WebP.", nameof(files));
            }
        }

        if (renditions.Count == 0)
        {
            return results;
        }

        // libvips turns a multi-frame image as one tall strip of frames (page-height then no longer fits), so an animated
        // file is left as stored; Inspect reports its size unturned to match. Renditions are of the first frame.
        var widest = Math.Max(MediaRenditions.WidthsFor(info.Width)[^1], renditions.Max(r => r.Width));
        using var loaded = Image.ThumbnailBuffer(source, widest, height: Unbounded, size: Enums.Size.Down,
            noRotate: header.Frames > 1, outputProfile: header.HasProfile ? "srgb" : null);
        using var full = loaded.CopyMemory();
        foreach (var group in renditions.GroupBy(r => r.Width))
        {
            using var resized = group.Key >= full.Width ? null : full.ThumbnailImage(group.Key, height: Unbounded, size: Enums.Size.Down);
            using var pixels = resized?.CopyMemory();
            foreach (var (index, _, output) in group)
            {
                results[index] = output == MediaFormat.Jpeg
                    ? Jpeg(pixels ?? full, original: false)
                    : (pixels ?? full).WebpsaveBuffer(q: 80, effort: 3, keep: Enums.ForeignKeep.None);
            }
        }

        return results;
    }

    /// <summary>The cleaned original: every frame of an animation, upright, sRGB, in the uploaded format.</summary>
    private static byte[] Original(byte[] source, Header header)
    {
        using var image = Image.ThumbnailBuffer(source, header.Info.Width,
            optionString: header.Frames > 1 ? "n=-1" : null,
            height: Unbounded,
            size: Enums.Size.Down,
            noRotate: header.Frames > 1,
            outputProfile: header.HasProfile ? "srgb" : null);
        return header.Info.Format switch
        {
            MediaFormat.Jpeg => Jpeg(image, original: true),
            MediaFormat.WebP => image.WebpsaveBuffer(q: 90, effort: 3, keep: Enums.ForeignKeep.None),
            MediaFormat.Png => image.PngsaveBuffer(keep: Enums.ForeignKeep.None),
            MediaFormat.Gif => image.GifsaveBuffer(keep: Enums.ForeignKeep.None),
            _ => throw new ArgumentOutOfRangeException(nameof(header), header.Info.Format, null),
        };
    }

    private ImageRefusal Inspect(byte[] bytes, out Header? header)
    {
        header = null;
        if (ImageBytes.Identify(bytes) is not { } format)
        {
            return ImageRefusal.UnsupportedType;
        }

        if (!ImageBytes.IsComplete(bytes, format))
        {
            return ImageRefusal.Unreadable;
        }

        try
        {
            // The loader of the type the magic number names, not libvips's own guess: the two can never disagree.
            using var image = format switch
            {
                MediaFormat.Jpeg => Image.JpegloadBuffer(bytes),
                MediaFormat.Png => Image.PngloadBuffer(bytes),
                MediaFormat.Gif => Image.GifloadBuffer(bytes),
                MediaFormat.WebP => Image.WebploadBuffer(bytes),
                _ => throw new UnreachableException(),
            };
            var frames = image.Contains("n-pages") ? Math.Max(1, (int)image.Get("n-pages")) : 1;
            if ((long)image.Width * image.Height * frames > _maxPixels)
            {
                return ImageRefusal.TooManyPixels;
            }

            // Orientations 5 to 8 turn the image a quarter (Exif 2.32, 4.6.5, tag 0x0112): width and height swap once upright.
            var turned = frames == 1 && image.Contains("orientation") && (int)image.Get("orientation") is >= 5 and <= 8;
            var info = new ImageInfo(format, turned ? image.Height : image.Width, turned ? image.Width : image.Height, TakenAt(image));
            header = new Header(info, frames, image.Contains("icc-profile-data"));
            return ImageRefusal.None;
        }
        catch (VipsException)
        {
            return ImageRefusal.Unreadable;
        }
    }

    /// <summary>
    /// A JPEG has no transparency: transparent pixels go on white, as a page would show them. The original keeps full
    /// colour resolution (4:4:4) at Q90; renditions halve it both ways (4:2:0), which photographs do not show.
    /// </summary>
    private static byte[] Jpeg(Image image, bool original)
    {
        var quality = original ? 90 : 82;
        var subsample = original ? Enums.ForeignSubsample.Off : Enums.ForeignSubsample.On;
        if (!image.HasAlpha())
        {
            return image.JpegsaveBuffer(q: quality, subsampleMode: subsample, keep: Enums.ForeignKeep.None);
        }

        // The thumbnail is 8-bit whatever the source (a 16-bit PNG included); grey with alpha has one band besides it.
        using var flat = image.Flatten(background: Enumerable.Repeat(255.0, image.Bands - 1).ToArray());
        return flat.JpegsaveBuffer(q: quality, subsampleMode: subsample, keep: Enums.ForeignKeep.None);
    }

    /// <summary>
    /// EXIF DateTimeOriginal (tag 0x9003) with OffsetTimeOriginal (0x9011, Exif 2.31) when the camera wrote one, else
    /// Asia/Ho_Chi_Minh (+07:00, no daylight saving). A date that does not parse (cameras write "0000:00:00 00:00:00"
    /// or blanks when their clock was never set) gives null; an offset that does not parse counts as absent.
    /// </summary>
    private static DateTimeOffset? TakenAt(Image image)
    {
        if (ExifText(image, "exif-ifd2-DateTimeOriginal") is not { } text
            || !DateTime.TryParseExact(text, "yyyy':'MM':'dd HH':'mm':'ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var taken)
            || taken.Year is <= 1 or >= 9999)
        {
            return null;
        }

        var offset = ExifText(image, "exif-ifd2-OffsetTimeOriginal") is [('+' or '-') and var sign, _, _, ':', _, _] written
            && TimeSpan.TryParseExact(written[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var span)
            && span <= TimeSpan.FromHours(14)
                ? sign == '-' ? -span : span
                : VietnamOffset;
        return new DateTimeOffset(taken, offset);
    }

    /// <summary>
    /// The value of an EXIF field as libvips gives it: the value, then a description in parentheses
    /// ("2023:08:16 14:05:06 (2023:08:16 14:05:06, ASCII, 20 components, 20 bytes)").
    /// </summary>
    private static string? ExifText(Image image, string field)
    {
        if (!image.Contains(field) || image.Get(field) is not string value)
        {
            return null;
        }

        var end = value.IndexOf(" (", StringComparison.Ordinal);
        return (end < 0 ? value : value[..end]).Trim();
    }
}
