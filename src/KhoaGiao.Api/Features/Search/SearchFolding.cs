using System.Text;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// How search compares Vietnamese text, one definition for C# and PostgreSQL: the text decomposed (NFD), the
/// combining marks U+0300–U+036F dropped (tones and vowel marks: ả, ầ, ờ, ữ → a, a, o, u), capitals A–Z lowered,
/// đ as d and y as i, so that "kĩ năng" finds "kỹ năng", "lí" finds "lý", and old and new tone placement ("hoà",
/// "hòa") fold alike. PostgreSQL's <c>khoagiao_fold(text)</c> (migration SearchFoldingFaster) is the marks dropped by
/// <c>regexp_replace(normalize(text, NFD), '[\u0300-\u036f]+', '', 'g')</c>, then <c>lower(… COLLATE "C")</c> (A–Z
/// only) and <c>replace</c> of y, đ and Đ, and a test holds the two to the same answers. For search only: slugs and source keys keep <see cref="Text.VietnameseText.Fold"/>, and
/// what is stored and shown is untouched.
/// </summary>
public static class SearchFolding
{
    /// <summary>The letters that change once the marks are gone; <see cref="To"/> holds what each becomes, index by index.</summary>
    public const string From = "ABCDEFGHIJKLMNOPQRSTUVWXYZyđĐ";

    /// <summary>What each letter of <see cref="From"/> folds to.</summary>
    public const string To = "abcdefghijklmnopqrstuvwxizidd";

    /// <summary>The text as search compares it.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is >= '\u0300' and <= '\u036F')
            {
                continue;
            }

            var at = From.IndexOf(c);
            folded.Append(at < 0 ? c : To[at]);
        }

        return folded.ToString();
    }
}
