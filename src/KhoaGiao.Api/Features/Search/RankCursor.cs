using System.Buffers.Text;
using System.Globalization;
using System.Text;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// The opaque cursor of a ranked list: how many items came before the next page, and how the ranking reads its
/// matches (chosen on the first page, kept for the rest so that the order does not change between pages). Base64url
/// of <c>r{offset}{plan}</c>, the plan one letter of <see cref="Plans"/>.
/// </summary>
public readonly record struct RankCursor(int Offset, SearchPlan Plan)
{
    /// <summary>The farthest a ranked list pages.</summary>
    public const int MaxOffset = 1000;

    /// <summary>The letter of each <see cref="SearchPlan"/>, by its value.</summary>
    private const string Plans = "awu";

    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"r{Offset}{Plans[(int)Plan]}"));

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
        var plan = decoded.Length < 3 ? -1 : Plans.IndexOf(decoded[^1]);
        if (plan < 0 || decoded[0] != 'r'
            || !int.TryParse(decoded.AsSpan(1, decoded.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || offset is <= 0 or > MaxOffset)
        {
            return false;
        }

        cursor = new RankCursor(offset, (SearchPlan)plan);
        return true;
    }
}
