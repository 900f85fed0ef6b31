using System.Buffers.Binary;
using System.Text;

namespace KhoaGiao.Bench.Imaging;

/// <summary>
/// What a file's own bytes say, read without either library: the type from its magic number, the dimensions from its
/// header, and the metadata it carries. The benchmark checks the libraries' outputs with this, so that a library is
/// never the judge of its own output's dimensions or stripping.
/// </summary>
/// <param name="Format">jpeg, png, gif or webp; null for anything else (SVG, HTML, BMP, …).</param>
/// <param name="Metadata">Metadata blocks found: "Exif", "XMP", "ICC", "IPTC", "comment", or another APPn marker.</param>
public sealed record EncodedFile(string? Format, int Width, int Height, bool HasAlpha, IReadOnlyList<string> Metadata)
{
    /// <summary>The type from the magic number, as the upload endpoint will decide it before any library sees the bytes.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "png",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "webp",
        _ => null,
    };

    public static EncodedFile Inspect(byte[] bytes) => Sniff(bytes) switch
    {
        "jpeg" => Jpeg(bytes),
        "png" => Png(bytes),
        "gif" => new EncodedFile("gif", BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), false, []),
        "webp" => WebP(bytes),
        _ => new EncodedFile(null, 0, 0, false, []),
    };

    /// <summary>Whether the text occurs anywhere in the bytes (ASCII), wherever a parser would not look.</summary>
    public static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    /// <summary>Markers up to the first scan (ITU T.81 annex B); renditions are baseline, one scan.</summary>
    private static EncodedFile Jpeg(byte[] bytes)
    {
        var metadata = new List<string>();
        int width = 0, height = 0, at = 2;
        while (at + 4 <= bytes.Length && bytes[at] == 0xFF)
        {
            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }
            if (marker is 0xD8 or 0x01 or >= 0xD0 and <= 0xD7)
            {
                at += 2;
                continue;
            }
            if (marker is 0xD9 or 0xDA)
            {
                break;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 2));
            var data = bytes.AsSpan(at + 4, Math.Max(0, Math.Min(length - 2, bytes.Length - at - 4)));
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && data.Length >= 5)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(data[1..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(data[3..]);
            }
            else if (marker is >= 0xE0 and <= 0xEF or 0xFE)
            {
                var block = data.StartsWith("Exif\0"u8) ? "Exif"
                    : data.StartsWith("http://ns.adobe.com/xap/"u8) ? "XMP"
                    : data.StartsWith("ICC_PROFILE\0"u8) ? "ICC"
                    : data.StartsWith("Photoshop 3.0\0"u8) ? "IPTC"
                    : marker == 0xFE ? "comment"
                    : marker == 0xE0 && data.StartsWith("JFIF\0"u8) ? null
                    : $"APP{marker - 0xE0}";
                if (block is not null)
                {
                    metadata.Add(block);
                }
            }
            at += 2 + length;
        }
        return new EncodedFile("jpeg", width, height, false, metadata);
    }

    private static EncodedFile Png(byte[] bytes)
    {
        var metadata = new List<string>();
        var width = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16));
        var height = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20));
        var alpha = bytes[25] is 4 or 6;
        for (var at = 8; at + 8 <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
            var type = Encoding.ASCII.GetString(bytes, at + 4, 4);
            alpha |= type == "tRNS";
            var block = type switch { "eXIf" => "Exif", "iCCP" => "ICC", "tEXt" or "zTXt" or "iTXt" => "text", _ => null };
            if (block is not null)
            {
                metadata.Add(block);
            }
            at += 12 + length;
        }
        return new EncodedFile("png", width, height, alpha, metadata);
    }

    /// <summary>RIFF chunks of a WebP container (RFC 9649, sections 2.5–2.7).</summary>
    private static EncodedFile WebP(byte[] bytes)
    {
        var metadata = new List<string>();
        int width = 0, height = 0;
        var alpha = false;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var fourCc = Encoding.ASCII.GetString(bytes, at, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            var data = bytes.AsSpan(at + 8, Math.Min(size, bytes.Length - at - 8));
            switch (fourCc)
            {
                case "VP8X":
                    alpha |= (data[0] & 0x10) != 0;
                    width = 1 + (data[4] | data[5] << 8 | data[6] << 16);
                    height = 1 + (data[7] | data[8] << 8 | data[9] << 16);
                    break;
                case "VP8 " when width == 0:
                    width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF;
                    height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF;
                    break;
                case "VP8L":
                    var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
                    alpha |= (bits >> 28 & 1) != 0;
                    if (width == 0)
                    {
                        width = (int)(bits & 0x3FFF) + 1;
                        height = (int)(bits >> 14 & 0x3FFF) + 1;
                    }
                    break;
                case "ALPH":
                    alpha = true;
                    break;
                case "EXIF":
                    metadata.Add("Exif");
                    break;
                case "XMP ":
                    metadata.Add("XMP");
                    break;
                case "ICCP":
                    metadata.Add("ICC");
                    break;
            }
            at += 8 + size + (size & 1);
        }
        return new EncodedFile("webp", width, height, alpha, metadata);
    }
}
