using System.Text;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// How search compares Vietnamese text, one table for C# and PostgreSQL: the text in NFC, then every letter as its
/// lowercase base letter without tone or vowel marks (ả, ầ, ờ, ữ → a, a, o, u), đ as d, and y as i, so that "kĩ năng"
/// finds "kỹ năng", "lí" finds "lý", and old and new tone placement ("hoà", "hòa") fold alike. PostgreSQL's
/// <c>khoagiao_fold(text)</c> (migration SearchFolding) is <c>translate(normalize(text, NFC), From, To)</c> with this
/// table, and a test holds the two to the same answers. For search only: slugs and source keys keep
/// <see cref="VietnameseText.Fold"/>, and what is stored and shown is untouched.
/// </summary>
public static class SearchFolding
{
    /// <summary>The letters that fold, in code point order; <see cref="To"/> holds what each becomes, index by index.</summary>
    public static readonly string From;

    /// <summary>What each letter of <see cref="From"/> folds to.</summary>
    public static readonly string To;

    private static readonly Dictionary<char, char> Table;

    static SearchFolding()
    {
        // ASCII capitals, y, đ, and every precomposed Latin letter that is an ASCII letter with combining marks.
        var table = new SortedDictionary<char, char>();
        for (var c = 'A'; c <= 'Z'; c++)
        {
            table[c] = Base(char.ToLowerInvariant(c));
        }

        table['y'] = 'i';
        table['đ'] = 'd';
        table['Đ'] = 'd';
        foreach (var (first, last) in new[] { ('\u00C0', '\u024F'), ('\u1E00', '\u1EFF') })
        {
            for (var c = first; c <= last; c++)
            {
                var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
                if (decomposed.Length > 1 && char.IsAsciiLetter(decomposed[0]) && decomposed[1..].All(m => m is >= '\u0300' and <= '\u036F'))
                {
                    table[c] = Base(char.ToLowerInvariant(decomposed[0]));
                }
            }
        }

        Table = new Dictionary<char, char>(table);
        From = string.Concat(table.Keys);
        To = string.Concat(table.Values);

        static char Base(char lower) => lower == 'y' ? 'i' : lower;
    }

    /// <summary>The text as search compares it; the same length as its NFC form.</summary>
    public static string Fold(string text)
    {
        var nfc = VietnameseText.Nfc(text);
        return string.Create(nfc.Length, nfc, static (folded, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                folded[i] = Table.GetValueOrDefault(source[i], source[i]);
            }
        });
    }
}
