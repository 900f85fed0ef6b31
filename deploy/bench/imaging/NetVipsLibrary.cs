using System.Reflection;
using NetVips;

namespace KhoaGiao.Bench.Imaging;

/// <summary>
/// libvips through NetVips: <c>thumbnail_buffer</c> makes the largest width, shrinking on load where the format allows
/// it (JPEG by 2, 4 or 8 in the decoder, WebP at any scale) and turning the image upright from its EXIF orientation;
/// it is held in memory and each smaller width is made from it with <c>thumbnail_image</c>, so the source is decoded
/// once (a PNG or GIF cannot shrink on load: a <c>thumbnail_buffer</c> per width would decode it four times). Each
/// rendition is encoded twice from memory.
/// </summary>
public sealed class NetVipsLibrary : IImagingLibrary
{
    /// <summary>libvips's largest coordinate (VIPS_MAX_COORD): a height that never binds, so the width decides.</summary>
    private const int Unbounded = 10_000_000;

    private static readonly double[] White = [255, 255, 255];

    /// <summary>The loaders left unblocked: issue 17 accepts these four types and nothing else.</summary>
    private static readonly string[] AllowedLoaders = ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadNsgif", "VipsForeignLoadWebp"];

    public NetVipsLibrary()
    {
        // The operation cache would hand back a previous run's result for the same buffer; the service has no use for it.
        Cache.Max = 0;
        BlockAllLoadersButAllowed();
    }

    public string Name => "NetVips";

    public string Version =>
        $"NetVips {typeof(Image).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]}, " +
        $"libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)} (NetVips.Native.linux-x64)";

    public string Licence => "binding MIT; libvips and the native package LGPL-3.0-or-later (as are glib, libexif, librsvg, libheif, pango and fribidi inside it), loaded dynamically";

    public string Settings =>
        $"thumbnail_buffer(largest width, height {Unbounded:N0}, size down): shrink-on-load, EXIF autorotate, first page; " +
        "copy_memory; each smaller width by thumbnail_image of that (lanczos3 reduce); webpsave Q 80 effort 3 keep none; jpegsave Q 82 subsample on (4:2:0) keep none, after flatten on " +
        $"white when there is alpha; every loader blocked but JPEG, PNG, GIF (nsgif) and WebP; operation cache off; {NetVips.NetVips.Concurrency} worker threads (libvips's default: the cores)";

    public ImageHeader? ReadHeader(byte[] bytes)
    {
        if (Image.FindLoadBuffer(bytes) is null)
        {
            return null;
        }
        using var image = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential);
        var orientation = image.Contains("orientation") ? (int)image.Get("orientation") : 1;
        var frames = image.Contains("n-pages") ? (int)image.Get("n-pages") : 1;
        return new ImageHeader(image.Width, image.Height, orientation, frames);
    }

    /// <summary>The loader libvips would pick with every loader enabled, and whether the allow-list blocks it.</summary>
    public string Identify(byte[] bytes)
    {
        Operation.Block("VipsForeignLoad", false);
        var loader = Image.FindLoadBuffer(bytes);
        BlockAllLoadersButAllowed();
        return loader is null ? "none"
            : AllowedLoaders.Any(allowed => loader.StartsWith(allowed, StringComparison.Ordinal)) ? loader
            : $"{loader} (blocked by the allow-list)";
    }

    public IReadOnlyList<Rendition> Render(byte[] bytes, ImageHeader header, IReadOnlyList<int> widths)
    {
        var renditions = new List<Rendition>(widths.Count * 2);
        using var thumbnail = Image.ThumbnailBuffer(bytes, widths[0], height: Unbounded, size: Enums.Size.Down);
        using var largest = thumbnail.CopyMemory();
        Encode(largest, renditions);
        foreach (var width in widths.Skip(1))
        {
            using var smaller = largest.ThumbnailImage(width, height: Unbounded, size: Enums.Size.Down);
            using var pixels = smaller.CopyMemory();
            Encode(pixels, renditions);
        }
        return renditions;
    }

    public (byte Red, byte Green, byte Blue) PixelAt(byte[] encoded, int x, int y)
    {
        using var image = Image.NewFromBuffer(encoded);
        var pixel = image.Getpoint(x, y);
        return ((byte)pixel[0], (byte)pixel[1], (byte)pixel[2]);
    }

    /// <summary>
    /// This build of libvips also loads SVG (librsvg), HEIF and AVIF (libheif), TIFF and more: every loader is blocked but the
    /// four accepted (libvips 8.13 and later), so bytes that slip past the magic-number check still load nothing else.
    /// </summary>
    private static void BlockAllLoadersButAllowed()
    {
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in AllowedLoaders)
        {
            Operation.Block(loader, false);
        }
    }

    private static void Encode(Image pixels, List<Rendition> renditions)
    {
        renditions.Add(new Rendition(pixels.Width, pixels.Height, "webp", pixels.WebpsaveBuffer(q: 80, effort: 3, keep: Enums.ForeignKeep.None)));
        renditions.Add(new Rendition(pixels.Width, pixels.Height, "jpeg", Jpeg(pixels)));
    }

    private static byte[] Jpeg(Image image)
    {
        if (!image.HasAlpha())
        {
            return image.JpegsaveBuffer(q: 82, subsampleMode: Enums.ForeignSubsample.On, keep: Enums.ForeignKeep.None);
        }
        using var flat = image.Flatten(background: White);
        return flat.JpegsaveBuffer(q: 82, subsampleMode: Enums.ForeignSubsample.On, keep: Enums.ForeignKeep.None);
    }
}
