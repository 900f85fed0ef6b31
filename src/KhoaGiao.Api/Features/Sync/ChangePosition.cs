using System.Buffers.Binary;
using System.Buffers.Text;

namespace KhoaGiao.Api.Features.Sync;

/// <summary>
/// A place in the delta feed: the (transaction id, sequence number) of the last change a client has seen, base64url
/// encoded as the opaque <c>since</c>/<c>nextCursor</c>. The default value is the start of the feed.
/// </summary>
public readonly record struct ChangePosition(long Xid, long Seq) : IComparable<ChangePosition>
{
    private const int Length = 16;

    public static ChangePosition Start => default;

    public int CompareTo(ChangePosition other) =>
        Xid != other.Xid ? Xid.CompareTo(other.Xid) : Seq.CompareTo(other.Seq);

    public static bool operator <(ChangePosition left, ChangePosition right) => left.CompareTo(right) < 0;

    public static bool operator >(ChangePosition left, ChangePosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(ChangePosition left, ChangePosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ChangePosition left, ChangePosition right) => left.CompareTo(right) >= 0;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Xid);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Seq);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? text, out ChangePosition position)
    {
        position = default;
        if (string.IsNullOrEmpty(text) || text.Length > 32)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[24];
        if (!Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != Length)
        {
            return false;
        }

        position = new ChangePosition(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
        return position.Xid >= 0 && position.Seq >= 0;
    }
}
