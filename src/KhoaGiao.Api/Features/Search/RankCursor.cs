using System.Buffers.Text;
using System.Globalization;
using System.Text;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// The opaque cursor of a ranked list: how many items came before the next page, and whether the ranking reads every
/// match or only the newest articles (chosen on the first page, kept for the rest so that the order does not change
/// between pages). Base64url of <c>r{offset}{a|w}</c>.
/// </summary>
public readonly record struct RankCursor(int Offset, bool AllMatches)
{
    /// <summary>The farthest a ranked list pages.</summary>
    public const int MaxOffset = 1000;

    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"r{Offset}{(AllMatches ? 'a' : 'w')}"));

    public static bool TryDecode(string? text, out RankCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > ValidationRules.CursorMaxLength || !Base64Url.IsValid(text))
        {
            return false;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written))
        {
            return false;
        }

        var decoded = Encoding.ASCII.GetString(bytes, 0, written);
        if (decoded.Length < 3 || decoded[0] != 'r' || decoded[^1] is not ('a' or 'w')
            || !int.TryParse(decoded.AsSpan(1, decoded.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || offset is <= 0 or > MaxOffset)
        {
            return false;
        }

        cursor = new RankCursor(offset, decoded[^1] == 'a');
        return true;
    }
}
