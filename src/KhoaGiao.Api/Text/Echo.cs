namespace KhoaGiao.Api.Text;

/// <summary>Client input repeated in a message, cut short: a path or query value may be kilobytes long.</summary>
public static class Echo
{
    public static string Shown(string? value, int max = 64) =>
        value is null ? "" : value.Length <= max ? value : value[..max] + "…";

    /// <summary>
    /// A request path as a problem's <c>instance</c>: whole up to <paramref name="max"/> characters, else cut there
    /// (and before any percent-escape the cut would split), so a problem never repeats a huge URL.
    /// </summary>
    public static string Path(string path, int max = 2048)
    {
        if (path.Length <= max)
        {
            return path;
        }

        var cut = path[..max];
        var escape = cut.LastIndexOf('%');
        return escape >= max - 2 ? cut[..escape] : cut;
    }
}
