using System.Buffers.Binary;

namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// What an image file's own bytes say before any decoder sees them: its type, from the magic number alone (never a
/// name or a declared content type), and whether it runs to its format's end marker. libvips reads a truncated JPEG,
/// PNG or GIF header without complaint and later paints the missing rows grey (its default leniency, which real
/// photographs with small defects need), so a cut-off upload is caught here, from the container's structure.
/// </summary>
internal static class ImageBytes
{
    /// <summary>The type from the magic number, or null: SVG, HTML, PHP, TIFF, HEIC, BMP and the rest.</summary>
    public static MediaFormat? Identify(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => MediaFormat.Jpeg,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => MediaFormat.Png,
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => MediaFormat.Gif,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => MediaFormat.WebP,
        _ => null,
    };

    /// <summary>Whether the file is whole: its end marker is there, or (WebP) it is as long as its RIFF header says.</summary>
    public static bool IsComplete(ReadOnlySpan<byte> bytes, MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => JpegIsComplete(bytes),
        MediaFormat.Png => PngIsComplete(bytes),
        MediaFormat.Gif => bytes[^1] == 0x3B,
        MediaFormat.WebP => bytes.Length >= 12 && 8L + BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]) <= bytes.Length,
        _ => false,
    };

    /// <summary>
    /// The marker segments up to the first scan (ITU T.81, B.1), then an EOI after it. Entropy-coded data never holds
    /// FF D9 (an FF byte is stuffed as FF 00), so an EOI found after the first SOS ends the image; bytes after it (an
    /// Android motion photo appends its video there) are allowed.
    /// </summary>
    private static bool JpegIsComplete(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 4 <= bytes.Length && bytes[at] == 0xFF)
        {
            var marker = bytes[at + 1];
            if (marker is 0xFF)
            {
                at++;
                continue;
            }

            if (marker is 0x01 or >= 0xD0 and <= 0xD7)
            {
                at += 2;
                continue;
            }

            if (marker is 0xDA)
            {
                return bytes[at..].LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) > 0;
            }

            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2)..]);
        }

        return false;
    }

    /// <summary>Chunk by chunk (PNG 3rd edition, 5.3) to IEND, each chunk wholly inside the file.</summary>
    private static bool PngIsComplete(ReadOnlySpan<byte> bytes)
    {
        for (long at = 8; at + 12 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[(int)at..]);
            if (bytes.Slice((int)at + 4, 4).SequenceEqual("IEND"u8))
            {
                return true;
            }

            at += 12L + length;
        }

        return false;
    }
}
