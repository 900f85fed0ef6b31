using System.Text;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// A reader's query as PostgreSQL text-search queries over the folded words (<see cref="SearchFolding"/>): every word
/// must be in the document as a whole word, and the last one may also be the start of a word (search as you type).
/// The ranking queries ask for the words in a phrase or under a weight (A: title or name, B: summary).
/// </summary>
public sealed class SearchQuery
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>Words after the first <see cref="MaxWords"/> are not searched for.</summary>
    public const int MaxWords = 10;

    private readonly bool _lastIsMarked;

    private SearchQuery(IReadOnlyList<string> words, IReadOnlyList<string> exactWords, bool lastIsMarked)
    {
        Words = words;
        ExactWords = exactWords;
        _lastIsMarked = lastIsMarked;
    }

    /// <summary>The folded words, in the order typed.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The words typed with marks (or đ), as <see cref="SearchText.Exact"/> keys them; empty when none was.</summary>
    public IReadOnlyList<string> ExactWords { get; }

    /// <summary>The query, or null when it has no word to search for.</summary>
    public static SearchQuery? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var nfc = VietnameseText.Nfc(text);
        var typed = SearchText.WordsOf(nfc).Take(MaxWords).ToList();
        if (typed.Count == 0)
        {
            return null;
        }

        var words = typed.Select(Fold).ToList();
        var exact = typed.Where(IsMarked).Select(SearchText.Exact).ToList();
        return new SearchQuery(words, exact, lastIsMarked: IsMarked(typed[^1]));

        static bool IsMarked(string word) => word.Any(c => c > '\u007F');
    }

    /// <summary>A word as the index holds it: folded, and lower case in every script.</summary>
    public static string Fold(string word) => SearchFolding.Fold(word).ToLowerInvariant();

    /// <summary>Every word anywhere: what a document must have to be found.</summary>
    public string Match => Join(Words, " & ", "", lastIsPrefix: true);

    /// <summary>Every word anywhere, the last as a whole word only.</summary>
    public string Whole => Join(Words, " & ", "", lastIsPrefix: false);

    /// <summary>The words <paramref name="chosen"/> says (index by index), anywhere: what a document must have to hold them.</summary>
    public string MatchOf(IReadOnlyList<bool> chosen) => Of(chosen, lastIsPrefix: true);

    /// <summary><see cref="MatchOf"/> with the last word, when chosen, as a whole word only.</summary>
    public string WholeOf(IReadOnlyList<bool> chosen) => Of(chosen, lastIsPrefix: false);

    /// <summary>Every word under one of the weights (<c>"A"</c>: in the title).</summary>
    public string AllWeighted(string weights) => Join(Words, " & ", weights, lastIsPrefix: true);

    /// <summary>The words next to each other in the order typed, under one of the weights.</summary>
    public string PhraseWeighted(string weights) => Join(Words, " <-> ", weights, lastIsPrefix: true);

    /// <summary>Every word typed with marks, with its marks; null when none was.</summary>
    public string? Exact => ExactWords.Count == 0 ? null : Join(ExactWords, " & ", "", lastIsPrefix: _lastIsMarked);

    private string Of(IReadOnlyList<bool> chosen, bool lastIsPrefix) =>
        Join(Words.Where((_, i) => chosen[i]).ToList(), " & ", "", lastIsPrefix: lastIsPrefix && chosen[^1]);

    private static string Join(IReadOnlyList<string> words, string separator, string weights, bool lastIsPrefix)
    {
        var query = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0)
            {
                query.Append(separator);
            }

            // A quoted lexeme: PostgreSQL's tsquery syntax doubles a quote and escapes a backslash.
            query.Append('\'').Append(words[i].Replace("\\", "\\\\").Replace("'", "''")).Append('\'');
            var prefix = i == words.Count - 1 && lastIsPrefix;
            if (prefix || weights.Length > 0)
            {
                query.Append(':').Append(prefix ? "*" : "").Append(weights);
            }
        }

        return query.ToString();
    }
}
