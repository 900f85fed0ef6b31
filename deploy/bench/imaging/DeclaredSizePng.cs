using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace KhoaGiao.Bench.Imaging;

/// <summary>
/// A decompression bomb's header: a PNG whose IHDR declares a huge image but whose IDAT holds one 1×1 pixel row.
/// A reader that only parses the header answers at once with the declared size; one that decodes the pixels either
/// allocates width × height × 3 bytes (28 GiB for 100,000²) or fails on the missing rows.
/// </summary>
public static class DeclaredSizePng
{
    /// <summary>The PNG bytes (PNG specification, 3rd edition, sections 5 and 11.2.1: 8-bit truecolour, no interlace).</summary>
    public static byte[] Build(uint declaredWidth, uint declaredHeight)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, declaredWidth);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), declaredHeight);
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

    private static void Chunk(Stream file, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        file.Write(length);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        file.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        file.Write(crc);
    }

    /// <summary>CRC-32 as PNG section 5.5 defines it (ISO 3309 polynomial, reflected); System.IO.Hashing is not in the framework.</summary>
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
