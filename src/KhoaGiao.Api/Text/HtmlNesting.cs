namespace KhoaGiao.Api.Text;

/// <summary>
/// How deeply elements nest in an HTML fragment, found in one pass over the text before any parser sees it. HTML
/// parsers (and so the sanitiser) spend time quadratic in the nesting depth of formatting elements: 100,000 nested
/// <c>&lt;b&gt;</c> (300 KB) cost half a minute of CPU. Counting is linear (each element is opened and closed once),
/// so the depth can be refused first.
/// </summary>
public static class HtmlNesting
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    /// <summary>
    /// Whether no element nests deeper than <paramref name="maxDepth"/>. An element counts as open until an end tag
    /// with its name closes it (and the elements opened inside it); an end tag naming no open element closes nothing,
    /// as for the parser. Void and self-closed elements do not nest.
    /// </summary>
    public static bool IsWithin(string html, int maxDepth)
    {
        var open = new Stack<string>();
        var openCount = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var at = html.IndexOf('<');
        while (at >= 0 && at + 1 < html.Length)
        {
            if (html.AsSpan(at).StartsWith("<!--"))
            {
                var close = html.IndexOf("-->", at + 4, StringComparison.Ordinal);
                at = close < 0 ? -1 : html.IndexOf('<', close + 3);
                continue;
            }

            var end = EndOfTag(html, at + 1);
            if (html[at + 1] == '/' && at + 2 < html.Length)
            {
                var name = NameAt(html, at + 2);
                if (openCount.GetValueOrDefault(name) > 0)
                {
                    string closed;
                    do
                    {
                        closed = open.Pop();
                        openCount[closed]--;
                    }
                    while (!string.Equals(closed, name, StringComparison.OrdinalIgnoreCase));
                }
            }
            else if (char.IsAsciiLetter(html[at + 1]) && html[end - 1] != '/')
            {
                var name = NameAt(html, at + 1);
                if (!VoidElements.Contains(name))
                {
                    if (open.Count == maxDepth)
                    {
                        return false;
                    }

                    open.Push(name);
                    openCount[name] = openCount.GetValueOrDefault(name) + 1;
                }
            }

            at = end < html.Length ? html.IndexOf('<', end) : -1;
        }

        return true;
    }

    /// <summary>The index of the <c>&gt;</c> that ends the tag starting at <paramref name="from"/>, skipping quoted attribute values.</summary>
    private static int EndOfTag(string html, int from)
    {
        char? quote = null;
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return html.Length;
    }

    private static string NameAt(string html, int from)
    {
        var end = from;
        while (end < html.Length && (char.IsAsciiLetterOrDigit(html[end]) || html[end] == '-'))
        {
            end++;
        }

        return html[from..end];
    }
}
