namespace KhoaGiao.Api.Features.Articles;

/// <summary>Where an article came from ("nguồn"), e.g. Báo Hà Nam, with the id it has there.</summary>
public sealed class ArticleSource
{
    public string? Name { get; set; }

    /// <summary>
    /// The name folded (lower case, no marks, <c>đ</c> → <c>d</c>, spaces collapsed), so "báo hà nam " and
    /// "Báo Hà Nam" are one source; with <see cref="ExternalId"/> it identifies a syndicated article.
    /// </summary>
    public string? Key { get; set; }

    public string? Url { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>The <see cref="Key"/> of a source name: folded, trimmed, inner white space collapsed to one space.</summary>
    public static string? KeyOf(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? null
            : string.Join(' ', Text.VietnameseText.Fold(name).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
