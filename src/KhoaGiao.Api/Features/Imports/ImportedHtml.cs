using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// What the importer does to text from outside before it becomes an article: HTML entities decoded, Vietnamese in
/// NFC (a Windows-1258 page spells tones as combining marks), relative links and photos made absolute against the
/// item's address, lazy-loaded photos given their real address, and a source's categories made a list of tags.
/// Sanitising is the article write's, as for any body.
/// </summary>
public static class ImportedHtml
{
    // Where lazy-loading scripts keep a photo's real address while src holds a placeholder.
    private static readonly string[] LazySources = ["data-src", "data-original", "data-lazy-src"];

    /// <summary>The body with absolute URLs, in NFC.</summary>
    public static string Body(string html, Uri? baseUri)
    {
        var body = Fragment(html);
        foreach (var image in body.QuerySelectorAll("img"))
        {
            var src = image.GetAttribute("src");
            if ((string.IsNullOrWhiteSpace(src) || src.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                && LazySources.Select(image.GetAttribute).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) is { } real)
            {
                image.SetAttribute("src", real);
            }
        }

        if (baseUri is not null)
        {
            foreach (var (selector, attribute) in new[] { ("[href]", "href"), ("[src]", "src") })
            {
                foreach (var element in body.QuerySelectorAll(selector))
                {
                    var value = element.GetAttribute(attribute)!.Trim();
                    if (!value.StartsWith('#') && Uri.TryCreate(baseUri, value, out var absolute))
                    {
                        element.SetAttribute(attribute, absolute.AbsoluteUri);
                    }
                }
            }
        }

        return VietnameseText.Nfc(body.InnerHtml);
    }

    /// <summary>Text without markup, entities decoded, runs of white space made one space, trimmed, in NFC; null when empty.</summary>
    public static string? PlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }

        var text = html.Contains('<') || html.Contains('&') ? TextOf(Fragment(html)) : html;
        var plain = VietnameseText.Nfc(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        return plain.Length == 0 ? null : plain;
    }

    /// <summary>Distinct tag names in NFC, blank ones left out, at most as many as an article holds.</summary>
    public static IReadOnlyList<string>? Tags(IEnumerable<string?> names)
    {
        var tags = names.Select(ImportedHtml.PlainText).OfType<string>()
            .DistinctBy(name => name.ToLowerInvariant()).Take(ArticleRequestValidator.MaxTags).ToList();
        return tags.Count == 0 ? null : tags;
    }

    /// <summary><paramref name="url"/> made absolute against <paramref name="baseUri"/>, when that gives an http(s) URL.</summary>
    public static string? AbsoluteUrl(string? url, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var absolute = Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" ? parsed
            : baseUri is not null && Uri.TryCreate(baseUri, url.Trim(), out var resolved) ? resolved
            : null;
        return absolute?.Scheme is "http" or "https" ? absolute.AbsoluteUri : null;
    }

    /// <summary>
    /// The text a reader sees: block elements and line breaks part words as the page shows them apart
    /// (<c>&lt;p&gt;A&lt;/p&gt;&lt;p&gt;B&lt;/p&gt;</c> is "A B", not "AB"), inline ones do not, and scripts and styles are no text.
    /// </summary>
    private static string TextOf(INode root)
    {
        var text = new StringBuilder();
        Append(root);
        return text.ToString();

        void Append(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText piece)
                {
                    text.Append(piece.Data);
                }
                else if (child is IElement element && !Unread.Contains(element.LocalName))
                {
                    var block = Blocks.Contains(element.LocalName);
                    text.Append(block ? " " : "");
                    Append(element);
                    text.Append(block ? " " : "");
                }
            }
        }
    }

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    };

    private static readonly HashSet<string> Unread = new(StringComparer.Ordinal) { "script", "style", "template", "noscript" };

    private static IElement Fragment(string html)
    {
        var parser = new HtmlParser();
        var document = parser.ParseDocument(string.Empty);
        var body = document.Body!;
        foreach (var node in parser.ParseFragment(html, body).ToList())
        {
            body.AppendChild(node);
        }

        return body;
    }
}
