using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Search;

/// <summary>What a search result is.</summary>
public enum SearchResultType
{
    Article,
    Event,
    Person,
}

/// <summary>One page of a search across articles, events and people, best first.</summary>
public sealed record SearchResponse
{
    [OpenApi.MostItems(SearchAllQuery.MaxLimit)]
    public required IReadOnlyList<SearchResultResponse> Items { get; init; }

    /// <summary>Pass back as <c>cursor</c> for the next page; null on the last.</summary>
    [OpenApi.Longest(ValidationRules.CursorMaxLength)]
    public string? NextCursor { get; init; }

    /// <summary>
    /// When nothing matched: the query with each unknown word replaced by the closest common word, folded (no marks);
    /// null when there was nothing to correct.
    /// </summary>
    /// <example>toa dam khoa giao</example>
    [OpenApi.Longest(SearchQuery.MaxLength * 2)]
    public string? CorrectedQuery { get; init; }

    /// <summary>When nothing matched: the best articles for <see cref="CorrectedQuery"/>, at most five.</summary>
    [OpenApi.MostItems(SearchAll.MaxSuggestions)]
    public required IReadOnlyList<SearchResultResponse> Suggestions { get; init; }
}

/// <summary>An article, event or person a search found.</summary>
public sealed record SearchResultResponse
{
    /// <example>article</example>
    public SearchResultType Type { get; init; }

    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <summary>The slug of an article or event; null for a person.</summary>
    /// <example>toa-dam-nang-cao-chat-luong-cong-tac-khoa-giao</example>
    [OpenApi.Longest(Text.SlugGenerator.MaxLength)]
    public string? Slug { get; init; }

    /// <summary>The title, or a person's full name.</summary>
    /// <example>Tọa đàm nâng cao chất lượng công tác khoa giáo</example>
    [OpenApi.Longest(Articles.ArticleConfiguration.TitleMaxLength)]
    public required string Title { get; init; }

    /// <summary>
    /// A passage of the summary or body (an event's summary) around the words found, as HTML: the text escaped, each
    /// word found in <c>&lt;mark&gt;</c>, "…" where it was cut. The opening of the summary when the words are only in the
    /// title; null for a person.
    /// </summary>
    /// <example>…Ban Tuyên giáo Tỉnh ủy tổ chức <mark>tọa</mark> <mark>đàm</mark> về công tác khoa giáo…</example>
    [OpenApi.Longest(SearchSnippet.MaxLength)]
    public string? Snippet { get; init; }

    /// <summary>When an article was published or an event starts; null for a person.</summary>
    /// <example>2023-08-16T08:00:00+07:00</example>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Where the delivery API serves it.</summary>
    /// <example>/api/v1/articles/toa-dam-nang-cao-chat-luong-cong-tac-khoa-giao</example>
    [OpenApi.Longest(HrefMaxLength)]
    public required string Href { get; init; }

    /// <summary>The longest <see cref="Href"/>: an article's or event's path with the longest slug.</summary>
    public const int HrefMaxLength = 20 + Text.SlugGenerator.MaxLength;
}
