namespace KhoaGiao.Api.Features.Search;

/// <summary>The order of a list searched with <c>q</c>.</summary>
public enum SearchSort
{
    /// <summary>Best match first (the default with <c>q</c>).</summary>
    Relevance,

    /// <summary>Newest first, as without <c>q</c>.</summary>
    Newest,
}
