namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// A source to import articles from and how to file them: one entry of <c>Imports:Sources</c>, or the arguments of
/// the <c>import</c> command.
/// </summary>
public sealed class ImportSource
{
    /// <summary>The source's name, shown as the articles' "nguồn" and part of their identity (e.g. "Báo Hà Nam").</summary>
    public string Name { get; set; } = "";

    public ImportKind Kind { get; set; }

    /// <summary>The feed's URL, the WordPress site's URL, or (for a feed or JSON lines) a file's path.</summary>
    public string Location { get; set; } = "";

    /// <summary>The category to file every article under; unset: the source's own (WordPress), or none.</summary>
    public string? Category { get; set; }

    /// <summary>
    /// Publish new articles at the time the source gives them (now when it gives none); an article already here
    /// keeps its status, so an editor's unpublishing holds. Unset: new articles are drafts.
    /// </summary>
    public bool Publish { get; set; }

    /// <summary>Only items published on or after this time; older ones are skipped.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Allow a source on this machine or the local network (refused by default, as for webhooks).</summary>
    public bool AllowPrivateAddress { get; set; }

    /// <summary>The source's name and location, or why they cannot be read.</summary>
    public string? Problem()
    {
        if (Articles.ArticleSource.KeyOf(Name) is null)
        {
            return "The source needs a name (--source).";
        }

        if (Name.Trim().Length > Articles.ArticleConfiguration.SourceNameMaxLength)
        {
            return $"The source name is longer than {Articles.ArticleConfiguration.SourceNameMaxLength} characters.";
        }

        if (string.IsNullOrWhiteSpace(Location))
        {
            return "The source needs a location: --rss, --atom, --wordpress or --jsonl.";
        }

        if (Location.Length > ImportRunConfiguration.LocationMaxLength)
        {
            return $"The location is longer than {ImportRunConfiguration.LocationMaxLength} characters.";
        }

        var isUrl = Uri.TryCreate(Location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
        return Kind switch
        {
            ImportKind.WordPress when !isUrl => "--wordpress needs the site's http(s) URL.",
            ImportKind.JsonLines when isUrl => "--jsonl reads a file; give its path.",
            _ when !isUrl && !File.Exists(Location) => $"No such file: {Location}",
            _ => null,
        };
    }
}
