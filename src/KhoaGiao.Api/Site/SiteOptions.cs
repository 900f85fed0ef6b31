using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Site;

/// <summary>Settings of the <c>Site</c> section: where the public portal and its photos live.</summary>
public sealed class SiteOptions : IValidatableObject
{
    /// <summary>
    /// The public portal's address (<c>https://khoagiao.hanam.gov.vn</c>). Articles then carry their page's address as
    /// <c>url</c>; unset, <c>url</c> is null.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The site's name: the title of its RSS and Atom feeds, and their items' author when not from a source.</summary>
    [Required, MaxLength(200)]
    public string Name { get; set; } = "KhoaGiao";

    /// <summary>The feeds' description; unset, the name.</summary>
    [MaxLength(1000)]
    public string? Description { get; set; }

    /// <summary>Path of an article's page on the portal; <c>{slug}</c> stands for the article's slug.</summary>
    public string ArticlePath { get; set; } = "/bai-viet/{slug}";

    /// <summary>
    /// The address that serves <c>/media/…</c>: a CDN in front of this API, or its public address. Delivery responses
    /// give the media library's files (<c>/media/{id}/…</c>, served by this API) as absolute URLs on it, and photos
    /// and covers stored as site paths too. Unset, the library's files are paths on this API, and site paths are
    /// absolute on <see cref="PublicBaseUrl"/> (with neither, they stay paths).
    /// </summary>
    public string? MediaBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(PublicBaseUrl), PublicBaseUrl), (nameof(MediaBaseUrl), MediaBaseUrl) })
        {
            if (value is not null && !IsBaseUrl(value))
            {
                yield return new ValidationResult(
                    $"Site:{name} must be an absolute http or https URL without a query or fragment, such as https://khoagiao.hanam.gov.vn.", [name]);
            }
        }

        if (!ArticlePath.StartsWith('/') || ArticlePath.Split("{slug}").Length != 2 || ArticlePath.IndexOfAny(['?', '#', '\\']) >= 0)
        {
            yield return new ValidationResult(
                "Site:ArticlePath must be a path starting with / that holds {slug} once, such as /bai-viet/{slug}.", [nameof(ArticlePath)]);
        }
    }

    private static bool IsBaseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && !value.Contains('\\');
}
