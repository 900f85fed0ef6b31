using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace KhoaGiao.Api.Tests.Features.Media;

/// <summary>
/// Images for the media tests, made in memory the same way on every run: pixels computed here and encoded by libvips
/// (EXIF written from libvips's exif-* fields, as a camera would), the oversized PNG and the impostors written by hand.
/// </summary>
public static class TestImages
{
    /// <summary>The camera make written into every JPEG's EXIF: a marker that must appear nowhere in a rendition.</summary>
    public const string Make = "KhoaGiaoTestCamera";

    /// <summary>Phủ Lý, Hà Nam, to the second, as EXIF rationals: a place a staff photographer's phone would record.</summary>
    public const string Latitude = "20/1 32/1 30/1", Longitude = "105/1 54/1 50/1";

    /// <summary>The colour of the JPEG's top-left quadrant (as stored) and of the PNG's transparent quarter.</summary>
    public static readonly (byte R, byte G, byte B) Red = (230, 20, 20);

    /// <summary>Frame colours of <see cref="Gif"/> and animated <see cref="WebP"/>, in order: green, blue, yellow, …</summary>
    public static readonly (byte R, byte G, byte B)[] FrameColours = [(20, 200, 40), (30, 40, 210), (230, 210, 30), (200, 40, 200)];

    /// <summary>
    /// A JPEG whose stored top-left quadrant is <see cref="Red"/> over a blue-green gradient, with EXIF: Make, the
    /// orientation, optionally a GPS position, and DateTimeOriginal (with OffsetTimeOriginal +00:00 when
    /// <paramref name="takenAt"/> is UTC, none otherwise).
    /// </summary>
    public static byte[] Jpeg(int width, int height, int orientation = 1, bool withGps = false, DateTime? takenAt = null)
    {
        using var pixels = Pixels(width, height, 3, (x, y) => x < width / 2 && y < height / 2
            ? [Red.R, Red.G, Red.B]
            : [40, (byte)(80 + 100 * x / width), (byte)(120 + 100 * y / height)]);
        using var tagged = pixels.Mutate(image =>
        {
            image.Set(GValue.GStrType, "exif-ifd0-Make", Make);
            image.Set(GValue.GIntType, "orientation", orientation);
            if (withGps)
            {
                image.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
                image.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", Latitude);
                image.Set(GValue.GStrType, "exif-ifd3-GPSLongitudeRef", "E");
                image.Set(GValue.GStrType, "exif-ifd3-GPSLongitude", Longitude);
            }

            if (takenAt is { } taken)
            {
                image.Set(GValue.GStrType, "exif-ifd2-DateTimeOriginal", taken.ToString("yyyy':'MM':'dd HH':'mm':'ss", System.Globalization.CultureInfo.InvariantCulture));
                if (taken.Kind == DateTimeKind.Utc)
                {
                    image.Set(GValue.GStrType, "exif-ifd2-OffsetTimeOriginal", "+00:00");
                }
            }
        });
        return tagged.JpegsaveBuffer(q: 90);
    }

    /// <summary>
    /// An sRGB <see cref="Red"/>-and-white JPEG converted to Display P3 with the profile embedded: the same colours, other
    /// numbers (pure red is about 234, 51, 35 in P3). Shown without the profile, it looks washed out.
    /// </summary>
    public static byte[] DisplayP3Jpeg(int width, int height)
    {
        using var srgb = Pixels(width, height, 3, (x, _) => x < width / 2 ? [255, 0, 0] : [255, 255, 255]);
        using var p3 = srgb.IccTransform("p3", inputProfile: "srgb");
        return p3.JpegsaveBuffer(q: 95, subsampleMode: Enums.ForeignSubsample.Off);
    }

    /// <summary>A gradient PNG; with <paramref name="alpha"/>, its left quarter is fully transparent over <see cref="Red"/>.</summary>
    public static byte[] Png(int width, int height, bool alpha = false)
    {
        using var image = Pixels(width, height, alpha ? 4 : 3, (x, y) =>
        {
            byte[] colour = [(byte)(60 + 120 * y / height), (byte)(90 + 100 * x / width), 150];
            return !alpha ? colour : x < width / 4 ? [Red.R, Red.G, Red.B, 0] : [.. colour, 255];
        });
        return image.PngsaveBuffer();
    }

    /// <summary>A lossy WebP: a gradient, or with several frames an animation of solid <see cref="FrameColours"/>.</summary>
    public static byte[] WebP(int width, int height, int frames = 1)
    {
        if (frames > 1)
        {
            using var animation = Animation(width, height, frames);
            return animation.WebpsaveBuffer(q: 85);
        }

        using var image = Pixels(width, height, 3, (x, y) => [(byte)(200 - 100 * y / height), (byte)(60 + 150 * x / width), 90]);
        return image.WebpsaveBuffer(q: 85);
    }

    /// <summary>A GIF of solid <see cref="FrameColours"/>, one per frame, looping, half a second each.</summary>
    public static byte[] Gif(int width, int height, int frames = 1)
    {
        using var animation = Animation(width, height, frames);
        return animation.GifsaveBuffer();
    }

    /// <summary>
    /// A decompression bomb's header: a valid PNG whose IHDR declares the size but whose IDAT holds one pixel's row.
    /// A reader that decodes the pixels allocates width × height × 3 bytes (28 GiB for 100,000²) or fails on the rest.
    /// </summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8;
        header[9] = 2;
        Chunk(file, "IHDR", header);
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write([0, 0x80, 0x80, 0x80]);
        }

        Chunk(file, "IDAT", pixels.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    public static byte[] SvgWithScript() => Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(document.cookie)</script>" +
        "<rect width=\"10\" height=\"10\" fill=\"red\"/></svg>\n");

    public static byte[] PhpScript() => Encoding.UTF8.GetBytes("<?php system($_GET['c']); ?>");

    public static byte[] HtmlPage() => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n");

    /// <summary>The metadata blocks in an encoded JPEG, PNG, WebP or GIF ("Exif", "XMP", "ICC", "IPTC", "comment", "text" …), read from its bytes.</summary>
    public static IReadOnlyList<string> MetadataBlocks(byte[] encoded) => EncodedImage.Inspect(encoded).Metadata;

    /// <summary>Width and height as the file's header stores them (before any EXIF orientation), read from its bytes.</summary>
    public static (int Width, int Height) Size(byte[] encoded) => EncodedImage.Inspect(encoded) is var image ? (image.Width, image.Height) : default;

    /// <summary>The frames of an animated GIF or WebP, counted from its bytes; 1 for a still image.</summary>
    public static int Frames(byte[] encoded) => EncodedImage.Inspect(encoded).Frames;

    /// <summary>One pixel's colour as stored (no orientation or colour profile applied), decoded by libvips.</summary>
    public static (byte R, byte G, byte B) PixelAt(byte[] encoded, int x, int y)
    {
        using var image = Image.NewFromBuffer(encoded);
        var pixel = image.Getpoint(x, y);
        return pixel.Length < 3 ? ((byte)pixel[0], (byte)pixel[0], (byte)pixel[0]) : ((byte)pixel[0], (byte)pixel[1], (byte)pixel[2]);
    }

    /// <summary>Whether the bytes hold the ASCII text anywhere, where no parser would look.</summary>
    public static bool Contains(byte[] encoded, string text) => encoded.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    private static Image Pixels(int width, int height, int bands, Func<int, int, byte[]> colour)
    {
        var pixels = new byte[width * height * bands];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                colour(x, y).CopyTo(pixels, (y * width + x) * bands);
            }
        }

        // A copy in libvips's memory: an image wrapped around a managed array holds it only while its wrapper lives.
        using var image = Image.NewFromMemoryCopy<byte>(pixels, width, height, bands, Enums.BandFormat.Uchar);
        return image.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>Frames stacked top to bottom, libvips's layout of a multi-page image, with its page height, delays and loop.</summary>
    private static Image Animation(int width, int height, int frames)
    {
        using var strip = Pixels(width, height * frames, 3, (_, y) => FrameColours[y / height % FrameColours.Length] is var c ? [c.R, c.G, c.B] : []);
        return strip.Mutate(image =>
        {
            image.Set(GValue.GIntType, "page-height", height);
            image.Set(GValue.ArrayIntType, "delay", Enumerable.Repeat(500, frames).ToArray());
            image.Set(GValue.GIntType, "loop", 0);
        });
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        file.Write(number);
        file.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        file.Write(number);
    }

    /// <summary>CRC-32 as PNG (3rd edition, 5.5) defines it: ISO 3309 polynomial, reflected.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
