using System.Buffers.Binary;
using System.Text;

namespace KhoaGiao.Bench.Imaging;

/// <summary>
/// Builds the JPEG APP1 segment a phone writes: Exif with IFD0 (Make, Orientation, a pointer to the GPS IFD) and a
/// GPS IFD (version, latitude, longitude). Written by hand: Skia's encoders write no Exif at all, and a test image
/// should not depend on one of the libraries it tests.
/// </summary>
/// <remarks>
/// Layout (Exif 2.32, section 4.5; TIFF 6.0, section 2), big-endian ("MM"), offsets from the TIFF header:
/// <code>
/// FF E1 len "Exif\0\0" | "MM" 00 2A 00000008 | IFD0: 3 entries, next 0 | GPS IFD: 5 entries, next 0 | values
/// </code>
/// Each IFD entry is 12 bytes: tag, type, count, then the value when it fits in 4 bytes, else its offset.
/// </remarks>
public static class ExifSegment
{
    /// <summary>The Make written into IFD0: a marker that must not appear anywhere in a rendition.</summary>
    public const string Make = "KhoaGiaoBench";

    private const ushort Ascii = 2, Short = 3, Long = 4, Rational = 5, Byte = 1;

    /// <summary>An APP1 segment (marker included) for the given orientation and a position in degrees, minutes and seconds.</summary>
    public static byte[] Build(ushort orientation, (uint Degrees, uint Minutes, uint Seconds) latitudeNorth,
        (uint Degrees, uint Minutes, uint Seconds) longitudeEast)
    {
        var make = Encoding.ASCII.GetBytes(Make + "\0");
        const int ifd0 = 8, ifd0Entries = 3;
        const int gps = ifd0 + 2 + ifd0Entries * 12 + 4;
        const int gpsEntries = 5;
        var values = gps + 2 + gpsEntries * 12 + 4;
        var makeOffset = values;
        var latitudeOffset = makeOffset + make.Length;
        var longitudeOffset = latitudeOffset + 24;
        var tiff = new byte[longitudeOffset + 24];

        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), ifd0);

        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(ifd0), ifd0Entries);
        Entry(tiff, ifd0, 0, 0x010F, Ascii, (uint)make.Length, (uint)makeOffset);
        Entry(tiff, ifd0, 1, 0x0112, Short, 1, (uint)orientation << 16);
        Entry(tiff, ifd0, 2, 0x8825, Long, 1, gps);

        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(gps), gpsEntries);
        Entry(tiff, gps, 0, 0x0000, Byte, 4, 0x02030000);
        Entry(tiff, gps, 1, 0x0001, Ascii, 2, (uint)'N' << 24);
        Entry(tiff, gps, 2, 0x0002, Rational, 3, (uint)latitudeOffset);
        Entry(tiff, gps, 3, 0x0003, Ascii, 2, (uint)'E' << 24);
        Entry(tiff, gps, 4, 0x0004, Rational, 3, (uint)longitudeOffset);

        make.CopyTo(tiff, makeOffset);
        Angle(tiff, latitudeOffset, latitudeNorth);
        Angle(tiff, longitudeOffset, longitudeEast);

        var header = "Exif\0\0"u8;
        var segment = new byte[4 + header.Length + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        header.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment, 4 + header.Length);
        return segment;
    }

    /// <summary>The JPEG with the segment inserted right after SOI, where Exif 2.32 (section 4.5.4) places APP1.</summary>
    public static byte[] InsertInto(byte[] jpeg, byte[] segment)
    {
        if (jpeg.Length < 2 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("not a JPEG (no SOI)", nameof(jpeg));
        }
        var result = new byte[jpeg.Length + segment.Length];
        jpeg.AsSpan(0, 2).CopyTo(result);
        segment.CopyTo(result, 2);
        jpeg.AsSpan(2).CopyTo(result.AsSpan(2 + segment.Length));
        return result;
    }

    private static void Entry(byte[] tiff, int ifd, int index, ushort tag, ushort type, uint count, uint value)
    {
        var at = tiff.AsSpan(ifd + 2 + index * 12);
        BinaryPrimitives.WriteUInt16BigEndian(at, tag);
        BinaryPrimitives.WriteUInt16BigEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32BigEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32BigEndian(at[8..], value);
    }

    private static void Angle(byte[] tiff, int offset, (uint Degrees, uint Minutes, uint Seconds) angle)
    {
        uint[] parts = [angle.Degrees, 1, angle.Minutes, 1, angle.Seconds, 1];
        for (var i = 0; i < parts.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(offset + i * 4), parts[i]);
        }
    }
}
