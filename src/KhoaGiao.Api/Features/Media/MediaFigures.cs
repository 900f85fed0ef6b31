using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// Photos of the library in article bodies. An editor writes <c>&lt;figure data-media-id="{id}"&gt;</c>; the sanitiser
/// stores it empty (<see cref="Canonicalise"/>), so a caption lives only on the photo, and delivery fills it with a
/// <c>picture</c> of every rendition and the photo's caption and credit (<see cref="Render"/>).
/// </summary>
public static partial class MediaFigures
{
    /// <summary>The attribute naming the photo.</summary>
    public const string Attribute = "data-media-id";

    /// <summary>
    /// Leaves a figure that names a photo as <c>&lt;figure data-media-id="{id}"&gt;&lt;/figure&gt;</c> and nothing else
    /// (whatever it held is shown from the photo on delivery), and takes the attribute off anything else.
    /// </summary>
    public static void Canonicalise(IElement element)
    {
        if (element.LocalName != "figure" || !Guid.TryParse(element.GetAttribute(Attribute), out var id))
        {
            element.RemoveAttribute(Attribute);
            return;
        }

        foreach (var attribute in element.Attributes.Select(a => a.Name).ToList())
        {
            element.RemoveAttribute(attribute);
        }

        element.SetAttribute(Attribute, id.ToString("D"));
        element.InnerHtml = "";
    }

    /// <summary>The photos a sanitised body shows, in order of first appearance.</summary>
    public static IEnumerable<Guid> IdsIn(string body) =>
        body.Contains(Attribute, StringComparison.Ordinal)
            ? StoredFigure().Matches(body).Select(m => Guid.Parse(m.Groups[1].ValueSpan)).Distinct()
            : [];

    /// <summary>The body without the figures of these photos.</summary>
    public static string Without(string body, IEnumerable<Guid> ids)
    {
        var dropped = ids.ToHashSet();
        return dropped.Count == 0 ? body : Fill(body, id => dropped.Contains(id) ? "" : Stored(id));
    }

    /// <summary>The body with each stored figure replaced by what <paramref name="figure"/> gives for its photo, in one pass.</summary>
    public static string Fill(string body, Func<Guid, string> figure) =>
        body.Contains(Attribute, StringComparison.Ordinal)
            ? StoredFigure().Replace(body, match => figure(Guid.Parse(match.Groups[1].ValueSpan)))
            : body;

    /// <summary>The stored form of a figure showing the photo.</summary>
    public static string Stored(Guid id) => $"<figure {Attribute}=\"{id:D}\"></figure>";

    /// <summary>
    /// The figure as delivered: a <c>picture</c> offering every WebP rendition, then an <c>img</c> with every JPEG one
    /// (<c>srcset</c> and <c>sizes</c>, so the browser picks the width its screen needs), its width and height set to
    /// keep the layout still while it loads, and the caption with the credit.
    /// </summary>
    public static string Render(MediaResponse photo)
    {
        var webp = photo.Sources.Where(s => s.Type == MediaFormat.WebP.ContentType()).ToList();
        var jpeg = photo.Sources.Where(s => s.Type == MediaFormat.Jpeg.ContentType()).ToList();
        var fallback = jpeg.LastOrDefault(s => s.Width <= 1024) ?? jpeg[0];
        var sizes = $"(max-width: {jpeg[^1].Width}px) 100vw, {jpeg[^1].Width}px";
        var html = new StringBuilder()
            .Append($"<figure {Attribute}=\"{photo.Id:D}\"><picture>")
            .Append($"<source type=\"image/webp\" srcset=\"{SrcSet(webp)}\" sizes=\"{sizes}\">")
            .Append($"<img src=\"{Encode(fallback.Url)}\" srcset=\"{SrcSet(jpeg)}\" sizes=\"{sizes}\" width=\"{fallback.Width}\" height=\"{fallback.Height}\"")
            .Append($" alt=\"{Encode(photo.Alt ?? photo.Caption ?? "")}\" loading=\"lazy\" decoding=\"async\"></picture>");
        if (photo.Caption is not null || photo.Credit is not null)
        {
            html.Append("<figcaption>").Append(Encode(photo.Caption ?? ""));
            if (photo.Credit is not null)
            {
                html.Append(photo.Caption is null ? "" : " ").Append($"<small class=\"credit\">{Encode(photo.Credit)}</small>");
            }

            html.Append("</figcaption>");
        }

        return html.Append("</figure>").ToString();
    }

    private static string SrcSet(IEnumerable<MediaSourceResponse> sources) => string.Join(", ", sources.Select(s => $"{Encode(s.Url)} {s.Width}w"));

    /// <summary>Escapes markup and quotes only: Vietnamese letters stay as they are, as in the rest of the body.</summary>
    private static string Encode(string text) => Html.Encode(text);

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    [GeneratedRegex("<figure data-media-id=\"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"></figure>", RegexOptions.CultureInvariant)]
    private static partial Regex StoredFigure();
}
