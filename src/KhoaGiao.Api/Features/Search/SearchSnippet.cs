using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// A short passage of a hit's text around the words found, HTML-escaped, each found word in <c>&lt;mark&gt;</c>: the
/// stored text as written (marks and all), matched word by word as the index matches (<see cref="SearchQuery.Fold"/>,
/// the last query word also as a start).
/// </summary>
public static partial class SearchSnippet
{
    /// <summary>Words a snippet shows at most.</summary>
    public const int Words = 30;

    /// <summary>Characters of a word or of the text between two words shown at most ("…" after those cut).</summary>
    public const int MaxPieceLength = 40;

    /// <summary>The longest snippet: every word and gap at its longest, each character escaped at its longest.</summary>
    public const int MaxLength = 2 + Words * 2 * (MaxPieceLength + 1) * 10 + Words * 13;

    /// <summary>Words shown before the first word found, for context.</summary>
    private const int Lead = 6;

    /// <summary>Escapes what HTML needs escaped (&lt;, &gt;, &amp;, quotes) and leaves Vietnamese letters as they are.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Each letter below U+1F00 (Latin, with Vietnamese, and the scripts before it) folded alone.</summary>
    private static readonly char[] FoldedLetters = [.. Enumerable.Range(0, 0x1F00)
        .Select(c => SearchQuery.Fold(((char)c).ToString()) is [var first, ..] ? first : (char)c)];

    /// <summary>The passage of the text with the most query words; null when it has none.</summary>
    public static string? Of(SearchQuery query, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Mark(VietnameseText.Nfc(text), query);

    /// <summary>
    /// An article's snippet: from the summary when the words are there, else from the body's text, else the opening of
    /// the summary (or of the body when it has none).
    /// </summary>
    public static string? OfArticle(SearchQuery query, string? summary, string body)
    {
        if (Of(query, summary) is { } fromSummary)
        {
            return fromSummary;
        }

        var text = SearchText.PlainText(body);
        return Of(query, text) ?? Opening(summary ?? text);
    }

    /// <summary>The opening words of the text, escaped, when no query word is in it.</summary>
    public static string? Opening(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var nfc = VietnameseText.Nfc(text);
        var words = SearchText.Words(nfc).ToList();
        return words.Count == 0 ? null : Render(nfc, words, 0, Math.Min(words.Count, Words), _ => false);
    }

    private static string? Mark(string text, SearchQuery query)
    {
        var words = SearchText.Words(text).ToList();
        // Folding every word of a body is most of a snippet's cost: only words whose first letter folds to a query
        // word's first letter can be one.
        var firsts = query.Words.Select(w => w[0]).ToHashSet();
        var found = words.Select(w => firsts.Contains(FoldedLetter(text[w.Start]))
            ? Found(SearchQuery.Fold(text.Substring(w.Start, w.Length)), query)
            : -1).ToArray();
        var best = -1;
        var bestCount = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (found[i] < 0)
            {
                continue;
            }

            // The window starting a little before this word: how many different query words it holds.
            var start = Math.Max(0, i - Lead);
            var count = found.Skip(start).Take(Words).Where(f => f >= 0).Distinct().Count();
            if (count > bestCount)
            {
                (best, bestCount) = (start, count);
            }
        }

        return best < 0 ? null : Render(text, words, best, Math.Min(words.Count, best + Words), i => found[i] >= 0);
    }

    /// <summary>A letter folded alone: what a word starting with it starts with once folded (Latin letters; others as they are).</summary>
    private static char FoldedLetter(char c) => c < FoldedLetters.Length ? FoldedLetters[c] : c;

    /// <summary>Which query word the folded word is (the last also as a start), or -1.</summary>
    private static int Found(string folded, SearchQuery query)
    {
        for (var q = 0; q < query.Words.Count; q++)
        {
            var word = query.Words[q];
            if (folded == word || (q == query.Words.Count - 1 && folded.StartsWith(word, StringComparison.Ordinal)))
            {
                return q;
            }
        }

        return -1;
    }

    private static string Render(string text, List<(int Start, int Length)> words, int first, int end, Func<int, bool> marked)
    {
        var snippet = new StringBuilder();
        if (first > 0)
        {
            snippet.Append('…');
        }

        var at = words[first].Start;
        for (var i = first; i < end; i++)
        {
            var (start, length) = words[i];
            snippet.Append(Encoder.Encode(Cut(Space().Replace(text[at..start], " "))));
            var word = Encoder.Encode(Cut(text.Substring(start, length)));
            snippet.Append(marked(i) ? $"<mark>{word}</mark>" : word);
            at = start + length;
        }

        if (end < words.Count)
        {
            snippet.Append('…');
        }
        else
        {
            snippet.Append(Encoder.Encode(Cut(Space().Replace(text[at..], " ").TrimEnd())));
        }

        return snippet.ToString();
    }

    private static string Cut(string piece) => piece.Length <= MaxPieceLength ? piece : piece[..MaxPieceLength] + "…";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
