using System.Buffers.Text;
using System.Text;

namespace KhoaGiao.Api.Http;

/// <summary>
/// The opaque keyset cursor of lists sorted by text (people by name): the sort key and id of the last item on a
/// page, base64url encoded.
/// </summary>
public readonly record struct TextCursor(string Position, Guid Id)
{
    private const int MaxEncodedLength = ValidationRules.CursorMaxLength;

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Id:N}{Position}"));

    public static bool TryDecode(string? text, out TextCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxEncodedLength)
        {
            return false;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, bytes, out var written))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes, 0, written);
        if (decoded.Length < 32 || decoded.Contains('\0') || !Guid.TryParseExact(decoded[..32], "N", out var id))
        {
            return false;
        }

        cursor = new TextCursor(decoded[32..], id);
        return true;
    }
}
