using System.Runtime.CompilerServices;
using System.Text;
using NpgsqlTypes;
using Position = NpgsqlTypes.NpgsqlTsVector.Lexeme.WordEntryPos;
using Weight = NpgsqlTypes.NpgsqlTsVector.Lexeme.Weight;

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
    private static readonly List<Position> NoPositions = [];

    public static ArticleSearchColumns OfArticle(Guid id, string title, string? summary, string body)
    {
        // khoagiao_text_vector(title, 'A') || khoagiao_text_vector(summary, 'B'): the summary's positions follow the
        // title's last.
        var head = new Dictionary<string, List<Position>>(StringComparer.Ordinal);
        var last = Add(head, title, Weight.A, 0);
        var summaryWords = new Dictionary<string, List<Position>>(StringComparer.Ordinal);
        Add(summaryWords, summary ?? "", Weight.B, last);
        foreach (var (word, positions) in summaryWords)
        {
            if (!head.TryGetValue(word, out var inTitle))
            {
                head[word] = positions;
            }
            else
            {
                // A summary word at the title's last position (both capped at MaxPosition) keeps the title's weight,
                // the higher, as || does.
                inTitle.AddRange(positions.SkipWhile(p => p.Pos <= inTitle[^1].Pos).Take(MaxPositions - inTitle.Count));
            }
        }

        // || khoagiao_body_vector(body): the body's words without positions.
        var every = new Dictionary<string, List<Position>>(head, StringComparer.Ordinal);
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
    /// <paramref name="after"/>; returns the last taken. A word keeps one entry a position: past
    /// <see cref="MaxPosition"/> every word takes that one.
    /// </summary>
    private static int Add(Dictionary<string, List<Position>> vector, string text, Weight weight, int after)
    {
        var position = after;
        foreach (var word in Folded(text))
        {
            position = Math.Min(position + 1, MaxPosition);
            if (!vector.TryGetValue(word, out var positions))
            {
                vector[word] = positions = [];
            }

            if (positions.Count < MaxParsedPositions && (positions.Count == 0 || positions[^1].Pos < position))
            {
                positions.Add(new Position(position, weight));
            }
        }

        return position;
    }

    /// <summary>
    /// The words with their positions as a tsvector, made as is through Npgsql's own constructor: each word is there
    /// once with its positions ascending and distinct, in PostgreSQL's order. Writing it out as text for
    /// <c>NpgsqlTsVector.Parse</c> to read back and sort with the culture's collation cost a fifth of an article's
    /// search columns. PostgreSQL keeps a received vector's words where they come, sorting only its index of them, so
    /// words in another order would make a value that searches the same but is not equal to the trigger's.
    /// </summary>
    private static NpgsqlTsVector Vector(Dictionary<string, List<Position>> words)
    {
        var lexemes = words.Select(w => new NpgsqlTsVector.Lexeme(w.Key, w.Value.Count == 0 ? null : w.Value)).ToList();
        lexemes.Sort((a, b) => CodePointOrder(a.Text, b.Text));
        return NewTsVector(lexemes, noCheck: true);
    }

    /// <summary>
    /// PostgreSQL's order of lexemes (<c>tsCompareString</c>: their UTF-8 bytes, a prefix first), which is code point
    /// order: UTF-16 order but for surrogates, which come after the rest of the Basic Multilingual Plane.
    /// </summary>
    private static int CodePointOrder(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return InCodePointOrder(a[i]) - InCodePointOrder(b[i]);
            }
        }

        return a.Length - b.Length;
    }

    private static int InCodePointOrder(char c) => c >= '\uE000' ? c - 0x800 : c >= '\uD800' ? c + 0x2000 : c;

    /// <summary>
    /// Npgsql's constructor of a tsvector from lexemes already unique, which it keeps internal (the public way is the
    /// obsolete <c>Parse</c>); <c>SearchVectorTests</c> fails if it goes.
    /// </summary>
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    private static extern NpgsqlTsVector NewTsVector(List<NpgsqlTsVector.Lexeme> lexemes, bool noCheck);

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
