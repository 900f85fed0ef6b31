using System.Buffers;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// The words of a text as search indexes them, one definition for C# and PostgreSQL. PostgreSQL's <c>simple</c>
/// text-search parser splits words at spaces and punctuation; <see cref="Separators"/> are the characters it could
/// take as part of a word (host names, URLs, e-mail addresses, version numbers such as "4.0", a sign before digits as
/// in "covid-19" or "+84"; in a database whose LC_CTYPE is C, any non-ASCII character such as curly quotes) that search takes as spaces first
/// (<c>khoagiao_words(text)</c>). Here a word is a run of letters, digits and combining marks.
/// </summary>
public static partial class SearchText
{
    /// <summary>Taken as spaces before the text is split into words.</summary>
    public const string Separators = ".:/@_-+~\u201C\u201D\u2018\u2019\u00AB\u00BB\u2026\u2013\u2014\u00A0";

    /// <summary>Capitals as <c>khoagiao_exact</c> lowers them: A–Z and Đ (the other capitals decompose to these).</summary>
    public const string Capitals = "ABCDEFGHIJKLMNOPQRSTUVWXYZĐ";

    /// <summary>What each of <see cref="Capitals"/> becomes.</summary>
    public const string Lowers = "abcdefghijklmnopqrstuvwxyzđ";

    /// <summary>
    /// The words of the text, where each starts in it and how long it is. A letter outside the Basic Multilingual
    /// Plane (a Nôm character such as 𡨸) is one letter, as PostgreSQL reads it, not two halves that are no letters.
    /// </summary>
    public static IEnumerable<(int Start, int Length)> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length;)
        {
            var width = 1;
            var inWord = i < text.Length && Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out width) == OperationStatus.Done
                && IsWordCharacter(rune);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }

            i += Math.Max(width, 1);
        }
    }

    /// <summary>The words of the text themselves, in order.</summary>
    public static IEnumerable<string> WordsOf(string text) => Words(text).Select(w => text.Substring(w.Start, w.Length));

    /// <summary>
    /// The word with its marks, as a query "typed with marks" matches it exactly: lower case, and the tone of oa, oe
    /// and uy on the first vowel whichever placement was typed ("hoà", "hòa" → "hòa"; "thuỷ", "thủy" → "thủy").
    /// </summary>
    public static string Exact(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var lowered = string.Create(decomposed.Length, decomposed, static (lower, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var at = Capitals.IndexOf(source[i]);
                lower[i] = at < 0 ? source[i] : Lowers[at];
            }
        });
        // Other scripts' capitals as the database lowers them (text search lowers every word it indexes).
        return TonePlacement().Replace(lowered, "$1$3$2").Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    /// <summary>The text of sanitised HTML as PostgreSQL's text-search parser reads it: tags as spaces, entities decoded.</summary>
    public static string PlainText(string html) => WebUtility.HtmlDecode(Tag().Replace(html, " "));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>A tone (grave, acute, tilde, hook, dot below) after the second vowel of oa, oe or uy, in NFD.</summary>
    public const string TonePlacementPattern = "([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])";

    [GeneratedRegex(TonePlacementPattern, RegexOptions.CultureInvariant)]
    private static partial Regex TonePlacement();

    private static bool IsWordCharacter(Rune c) => !(c.IsBmp && Separators.Contains((char)c.Value)) && (Rune.IsLetterOrDigit(c)
        || Rune.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark);
}
