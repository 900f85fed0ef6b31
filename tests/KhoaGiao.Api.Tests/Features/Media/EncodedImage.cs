using System.Buffers.Binary;
using System.Text;

namespace KhoaGiao.Api.Tests.Features.Media;

/// <summary>
/// What an encoded file's own bytes say, read without libvips: its size, frames and metadata blocks. The tests judge
/// MediaImaging's output with this, so that the library under test never judges its own dimensions or stripping.
/// </summary>
public sealed record EncodedImage(int Width, int Height, int Frames, int StartOfFrame, IReadOnlyList<string> Metadata)
{
    public static EncodedImage Inspect(byte[] bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => Jpeg(bytes),
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => Png(bytes),
        [(byte)'G', (byte)'I', (byte)'F', ..] => Gif(bytes),
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => WebP(bytes),
        _ => throw new ArgumentException("not a JPEG, PNG, GIF or WebP file", nameof(bytes)),
    };

    /// <summary>Marker segments up to the first scan (ITU T.81, annex B); <see cref="StartOfFrame"/> is the SOFn marker (C0: baseline).</summary>
    private static EncodedImage Jpeg(byte[] bytes)
    {
        var metadata = new List<string>();
        int width = 0, height = 0, frame = 0, at = 2;
        while (at + 4 <= bytes.Length && bytes[at] == 0xFF)
        {
            var marker = bytes[at + 1];
            if (marker is 0xFF or 0x01 or >= 0xD0 and <= 0xD7)
            {
                at += marker == 0xFF ? 1 : 2;
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
                (frame, height, width) = (marker, BinaryPrimitives.ReadUInt16BigEndian(data[1..]), BinaryPrimitives.ReadUInt16BigEndian(data[3..]));
            }
            else if (marker is >= 0xE0 and <= 0xEF or 0xFE)
            {
                var block = data.StartsWith("Exif\0"u8) ? "Exif"
                    : data.StartsWith("http://ns.adobe.com/xap/"u8) || data.StartsWith("http://ns.adobe.com/xmp/"u8) ? "XMP"
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

        return new EncodedImage(width, height, 1, frame, metadata);
    }

    /// <summary>Chunks (PNG 3rd edition, 5.3 and 11.3): eXIf, iCCP, the text chunks (iTXt "XML:com.adobe.xmp" is XMP) and tIME.</summary>
    private static EncodedImage Png(byte[] bytes)
    {
        var metadata = new List<string>();
        for (var at = 8; at + 12 <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
            var type = Encoding.ASCII.GetString(bytes, at + 4, 4);
            var block = type switch
            {
                "eXIf" => "Exif",
                "iCCP" => "ICC",
                "iTXt" when bytes.AsSpan(at + 8).StartsWith("XML:com.adobe.xmp"u8) => "XMP",
                "tEXt" or "zTXt" or "iTXt" => "text",
                "tIME" => "time",
                _ => null,
            };
            if (block is not null)
            {
                metadata.Add(block);
            }

            at += 12 + length;
        }

        return new EncodedImage((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)),
            (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)), 1, 0, metadata);
    }

    /// <summary>
    /// Blocks of a GIF (GIF89a, sections 17–27): an image descriptor per frame; comment extensions, and application
    /// extensions other than the loop count (NETSCAPE2.0, ANIMEXTS1.0), such as XMP ("XMP DataXMP") or ICC ("ICCRGBG1012").
    /// </summary>
    private static EncodedImage Gif(byte[] bytes)
    {
        var metadata = new List<string>();
        var frames = 0;
        var at = 13 + ColourTable(bytes[10]);
        while (at < bytes.Length && bytes[at] != 0x3B)
        {
            if (bytes[at] == 0x2C)
            {
                frames++;
                at += 10 + ColourTable(bytes[at + 9]) + 1;
            }
            else
            {
                var label = bytes[at + 1];
                at += 2;
                if (label == 0xFE)
                {
                    metadata.Add("comment");
                }
                else if (label == 0xFF && Encoding.ASCII.GetString(bytes, at + 1, 11) is var application
                    && application is not ("NETSCAPE2.0" or "ANIMEXTS1.0"))
                {
                    metadata.Add(application switch { "XMP DataXMP" => "XMP", "ICCRGBG1012" => "ICC", _ => application });
                }
            }

            while (at < bytes.Length && bytes[at] != 0)
            {
                at += 1 + bytes[at];
            }

            at++;
        }

        return new EncodedImage(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), frames, 0, metadata);

        static int ColourTable(byte packed) => (packed & 0x80) != 0 ? 3 << ((packed & 7) + 1) : 0;
    }

    /// <summary>RIFF chunks of a WebP file (RFC 9649, 2.5–2.7): one ANMF per frame of an animation.</summary>
    private static EncodedImage WebP(byte[] bytes)
    {
        var metadata = new List<string>();
        int width = 0, height = 0, frames = 0;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var fourCc = Encoding.ASCII.GetString(bytes, at, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            var data = bytes.AsSpan(at + 8, Math.Min(size, bytes.Length - at - 8));
            switch (fourCc)
            {
                case "VP8X":
                    width = 1 + (data[4] | data[5] << 8 | data[6] << 16);
                    height = 1 + (data[7] | data[8] << 8 | data[9] << 16);
                    break;
                case "VP8 " when width == 0:
                    width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF;
                    height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF;
                    break;
                case "VP8L" when width == 0:
                    var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
                    width = (int)(bits & 0x3FFF) + 1;
                    height = (int)(bits >> 14 & 0x3FFF) + 1;
                    break;
                case "ANMF":
                    frames++;
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

        return new EncodedImage(width, height, Math.Max(1, frames), 0, metadata);
    }
}
