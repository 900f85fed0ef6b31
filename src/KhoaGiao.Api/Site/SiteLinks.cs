using System.Linq.Expressions;
using System.Text.RegularExpressions;
using KhoaGiao.Api.Features.Articles;

namespace KhoaGiao.Api.Site;

/// <summary>
/// The portal's addresses as parts of the delivery queries: an article's page, and absolute photo URLs. They are
/// computed by PostgreSQL in the projection that reads the article, so every route that serves one (the article,
/// the lists, the delta feed) gives the same URLs. Stored content keeps site paths: moving the photos to another
/// host is a setting, not a rewrite.
/// </summary>
public sealed class SiteLinks
{
    private readonly string? _articleUrlPrefix;
    private readonly string _articleUrlSuffix;
    private readonly string? _mediaBase;
    private readonly string _libraryBase;

    public SiteLinks(SiteOptions options)
    {
        var publicBase = options.PublicBaseUrl?.TrimEnd('/');
        var path = options.ArticlePath.Split("{slug}");
        _articleUrlPrefix = publicBase is null ? null : publicBase + path[0];
        _articleUrlSuffix = path[^1];
        _mediaBase = (options.MediaBaseUrl ?? options.PublicBaseUrl)?.TrimEnd('/');
        _libraryBase = options.MediaBaseUrl?.TrimEnd('/') ?? "";
    }

    /// <summary>
    /// The address the media library's files (<c>/media/{id}/…</c>, served by this API) are linked at, without the
    /// trailing slash: <c>Site:MediaBaseUrl</c> (a CDN in front of the API, or the API's public address). Unset, they
    /// are paths on the API, never on the portal (<c>Site:PublicBaseUrl</c>), which does not serve them.
    /// </summary>
    public string MediaBase => _libraryBase;

    /// <summary>The article's page on the portal, or null when the portal's address is not configured.</summary>
    public Expression<Func<Article, string?>> ArticleUrl()
    {
        if (_articleUrlPrefix is null)
        {
            return a => null;
        }

        var (prefix, suffix) = (_articleUrlPrefix, _articleUrlSuffix);
        return a => prefix + a.Slug + suffix;
    }

    /// <summary>
    /// The cover image: a photo of the library as its JPEG rendition up to <see cref="CoverWidth"/> wide (a width every
    /// photo has, <see cref="Features.Media.MediaRenditions.WidthsFor"/>), or the stored address, absolute when it is a
    /// site path.
    /// </summary>
    public Expression<Func<Article, string?>> CoverImageUrl()
    {
        var (library, sitePaths) = (_libraryBase, _mediaBase ?? "");
        return a => a.CoverImage != null
            ? library + "/media/" + a.CoverImage.Id.ToString() + "/" + (a.CoverImage.Width < CoverWidth ? a.CoverImage.Width : CoverWidth).ToString() + ".jpg"
            : a.CoverImageUrl != null && a.CoverImageUrl.StartsWith("/") ? sitePaths + a.CoverImageUrl : a.CoverImageUrl;
    }

    /// <summary>The width of the rendition <c>coverImageUrl</c> names for a photo of the library.</summary>
    public const int CoverWidth = 1024;

    /// <summary>
    /// The body with every <c>img</c> whose <c>src</c> is a site path pointed at the media host. Bodies are sanitised
    /// when saved, so tags and attributes are spelled one way (<c>&lt;img … src="/…"</c>, double quotes, no
    /// protocol-relative URLs), and text cannot hold a literal <c>&lt;</c>.
    /// </summary>
    public Expression<Func<Article, string>> Body()
    {
        if (_mediaBase is null)
        {
            return a => a.Body;
        }

        // Translated to regexp_replace (every match); the replacement is PostgreSQL's, where \1 is the first group.
        var replacement = @"\1" + _mediaBase + "/";
        return a => Regex.Replace(a.Body, ImgSourcePath, replacement);
    }

    private const string ImgSourcePath = @"(<img\s([^>]*\s)?src="")/";
}
