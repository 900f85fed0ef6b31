using Ganss.Xss;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Cleans article HTML to what a news story needs: paragraphs, headings, lists, links, emphasis, quotes, tables
/// and photos with captions. Scripts, event-handler attributes, styles and <c>javascript:</c> URLs never survive.
/// </summary>
public sealed class ArticleBodySanitizer
{
    private readonly HtmlSanitizer _sanitizer;

    public ArticleBodySanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "b", "em", "i", "u", "s",
                "sub", "sup", "blockquote", "q", "cite", "figure", "figcaption", "img", "table", "thead", "tbody",
                "tr", "th", "td", "caption", "hr", "span", "abbr",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "lang",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        };
        _sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        _sanitizer.RemovingTag += (_, e) =>
        {
            // Unknown wrappers (div, section, font…) give up their text; these give up everything, since their
            // content is code or markup, not prose.
            if (DroppedWithContent.Contains(e.Tag.LocalName))
            {
                e.Tag.Remove();
                e.Cancel = true;
            }
        };
    }

    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "textarea", "select", "title", "head",
    };

    public string Sanitize(string html) => _sanitizer.Sanitize(html).Trim();
}
