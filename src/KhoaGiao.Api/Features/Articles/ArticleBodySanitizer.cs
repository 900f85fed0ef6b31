using Ganss.Xss;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Cleans article HTML to what a news story needs: paragraphs, headings, lists, links, emphasis, quotes, tables
/// and photos with captions. Scripts, event-handler attributes, styles and <c>javascript:</c> URLs never survive, nor
/// do protocol-relative URLs (<c>//evil.example</c>), which leave our site for whatever host they name: a link to
/// another site spells out <c>https://</c>, and one within the portal is a path (<c>/tin-tuc/…</c>).
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
                "href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "lang", Media.MediaFigures.Attribute,
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        };
        _sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        _sanitizer.FilterUrl += (_, e) =>
        {
            if (IsProtocolRelative(e.OriginalUrl))
            {
                e.SanitizedUrl = null;
            }
        };
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element && element.HasAttribute(Media.MediaFigures.Attribute))
            {
                Media.MediaFigures.Canonicalise(element);
            }
        };
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

    /// <summary>
    /// Whether a URL names a host without a scheme, as browsers read it: they skip leading spaces and control
    /// characters, drop tabs and line breaks anywhere, and take <c>\</c> for <c>/</c> (so <c>/\evil.example</c> too).
    /// </summary>
    private static bool IsProtocolRelative(string url)
    {
        var slashes = 0;
        foreach (var c in url)
        {
            if (c is '\t' or '\n' or '\r' || (slashes == 0 && c <= ' '))
            {
                continue;
            }

            if (c is not ('/' or '\\'))
            {
                break;
            }

            if (++slashes == 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether sanitised HTML shows anything: text other than spaces, or a photo.</summary>
    public static bool HasContent(string sanitized)
    {
        if (sanitized.Contains("<img", StringComparison.OrdinalIgnoreCase) || Media.MediaFigures.IdsIn(sanitized).Any())
        {
            return true;
        }

        var inTag = false;
        for (var i = 0; i < sanitized.Length; i++)
        {
            var c = sanitized[i];
            if (c == '<' || c == '>')
            {
                inTag = c == '<';
            }
            else if (!inTag && !char.IsWhiteSpace(c))
            {
                if (!sanitized.AsSpan(i).StartsWith("&nbsp;", StringComparison.Ordinal))
                {
                    return true;
                }

                i += "&nbsp;".Length - 1;
            }
        }

        return false;
    }
}
