using System.Text;
using NpgsqlTypes;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// An article's search columns computed in C#, as the trigger <c>articles_search</c> (migrations SearchIndex and
/// SearchColumnsFromTheService) computes them in SQL: the service writes them with the row, which costs PostgreSQL a
/// tsvector to read instead of parsing and folding a 6 KB body (about 1 ms). A test holds the two to the same values.
/// </summary>
public static class SearchVectors
{
    /// <summary>The highest position a tsvector holds; later words take it (PostgreSQL's MAXENTRYPOS - 1).</summary>
    private const int MaxPosition = 16383;

    /// <summary>The most positions <c>to_tsvector</c> keeps of one word; later ones are dropped.</summary>
    private const int MaxParsedPositions = 255;

    /// <summary>The most positions a tsvector holds for one word (PostgreSQL's MAXNUMPOS), which <c>||</c> keeps to.</summary>
    private const int MaxPositions = 256;

    /// <summary>The longest word PostgreSQL's text search indexes, in UTF-8 bytes; longer ones are left out.</summary>
    private const int MaxWordBytes = 2047;

    /// <summary>A body word's positions: none (never added to).</summary>
    private static readonly List<string> NoPositions = [];

    public static ArticleSearchColumns OfArticle(Guid id, string title, string? summary, string body)
    {
        // khoagiao_text_vector(title, 'A') || khoagiao_text_vector(summary, 'B'): the summary's positions follow the
        // title's last.
        var head = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var last = Add(head, title, 'A', 0);
        var summaryWords = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Add(summaryWords, summary ?? "", 'B', last);
        foreach (var (word, positions) in summaryWords)
        {
            if (!head.TryGetValue(word, out var inTitle))
            {
                head[word] = positions;
            }
            else
            {
                inTitle.AddRange(positions.Take(MaxPositions - inTitle.Count));
            }
        }

        // || khoagiao_body_vector(body): the body's words without positions.
        var every = head.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var word in Folded(SearchText.PlainText(body)))
        {
            every.TryAdd(word, NoPositions);
        }

        var exact = Typed(title + " " + (summary ?? "")).Select(SearchText.Exact).ToHashSet(StringComparer.Ordinal);
        return new ArticleSearchColumns
        {
            Id = id,
            Vector = Vector(every),
            Head = Vector(head),
            Exact = Vector(exact.ToDictionary(w => w, _ => NoPositions, StringComparer.Ordinal)),
        };
    }

    /// <summary>
    /// Adds the folded words of the text, as <c>to_tsvector</c> makes them, at the positions after
    /// <paramref name="after"/>; returns the last taken.
    /// </summary>
    private static int Add(Dictionary<string, List<string>> vector, string text, char weight, int after)
    {
        var position = after;
        foreach (var word in Folded(text))
        {
            position = Math.Min(position + 1, MaxPosition);
            if (!vector.TryGetValue(word, out var positions))
            {
                vector[word] = positions = [];
            }

            if (positions.Count < MaxParsedPositions)
            {
                positions.Add($"{position}{weight}");
            }
        }

        return position;
    }

    /// <summary>The words with their positions as a tsvector, through its text form (<c>'word':1A,5B 'other'</c>).</summary>
    private static NpgsqlTsVector Vector(Dictionary<string, List<string>> words)
    {
        var text = new StringBuilder();
        foreach (var (word, positions) in words)
        {
            text.Append('\'').Append(word.Replace("\\", "\\\\").Replace("'", "''")).Append('\'');
            if (positions.Count > 0)
            {
                text.Append(':').AppendJoin(',', positions);
            }

            text.Append(' ');
        }

        // Npgsql makes a tsvector only from its text form, and marks that obsolete because it cannot do what to_tsvector
        // does; this is the literal form, lexemes already made, which it reads as PostgreSQL's tsvectorin does.
#pragma warning disable CS0618
        return NpgsqlTsVector.Parse(text.ToString());
#pragma warning restore CS0618
    }

    /// <summary>
    /// The words of the text as the index holds them: the text folded at once (folding keeps every word's bounds, and
    /// a word at a time cost a millisecond for a 6 KB body), then split.
    /// </summary>
    private static IEnumerable<string> Folded(string text)
    {
        var folded = SearchQuery.Fold(Text.VietnameseText.Nfc(text));
        return SearchText.WordsOf(folded)
            .Where(w => Encoding.UTF8.GetByteCount(w) <= MaxWordBytes);
    }

    /// <summary>The words of the text as typed, in NFC, without those too long to index.</summary>
    private static IEnumerable<string> Typed(string text)
    {
        var nfc = Text.VietnameseText.Nfc(text);
        return SearchText.WordsOf(nfc)
            .Where(w => Encoding.UTF8.GetByteCount(w) <= MaxWordBytes);
    }
}
