using System.Buffers.Binary;
using System.Buffers.Text;

namespace KhoaGiao.Api.Http;

/// <summary>
/// The opaque keyset cursor of list endpoints: the sort key and id of the last item on a page, base64url
/// encoded. Clients pass it back as <c>cursor</c>; they never build one.
/// </summary>
public readonly record struct Cursor(DateTimeOffset Position, Guid Id)
{
    private const int Length = 8 + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Position.UtcTicks);
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? text, out Cursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[48];
        if (!Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != Length)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..Length], bigEndian: true));
        return true;
    }
}
