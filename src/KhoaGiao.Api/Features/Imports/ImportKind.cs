namespace KhoaGiao.Api.Features.Imports;

/// <summary>The format a source publishes its articles in.</summary>
public enum ImportKind
{
    /// <summary>An RSS 2.0 feed (with <c>content:encoded</c> when the source gives the whole text).</summary>
    Rss,

    /// <summary>An Atom 1.0 feed.</summary>
    Atom,

    /// <summary>A WordPress site's REST API (<c>/wp-json/wp/v2/posts</c>).</summary>
    WordPress,

    /// <summary>A file of one article request (the upsert-by-source body) per line, for one-off migrations.</summary>
    JsonLines,
}
