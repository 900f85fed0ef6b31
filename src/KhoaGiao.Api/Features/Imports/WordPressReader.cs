using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KhoaGiao.Api.Features.Articles;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// Reads a WordPress site's posts through its REST API, <c>/wp-json/wp/v2/posts?per_page=100&amp;page=N&amp;_embed</c>,
/// oldest id first (so pages do not shift while new posts appear), with a polite pause between pages. A post becomes
/// an article with its rendered title, excerpt, content and link, its featured image (<c>_embed</c>), its first
/// category (unless the import files everything under one) and its tags; categories and tags the embedding leaves
/// out are looked up by id. Its id at the source is its <c>guid</c>, as in the site's RSS feed, so both imports agree.
/// </summary>
public sealed class WordPressReader(ImportDocuments documents, IOptionsMonitor<ImportsOptions> options)
{
    public const int PageSize = 100;

    public async IAsyncEnumerable<ImportItem> ReadAsync(
        ImportSource source, int startAt, ImportProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var site = new Uri(source.Location.TrimEnd('/') + "/");
        var terms = new Dictionary<(string Taxonomy, long Id), string>();
        var after = source.Since is { } since ? "&after=" + Uri.EscapeDataString(since.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)) : "";
        for (var page = startAt / PageSize + 1; ; page++)
        {
            if (page > startAt / PageSize + 1)
            {
                await Task.Delay(options.CurrentValue.DelayMilliseconds, cancellationToken);
            }

            var url = new Uri(site, $"wp-json/wp/v2/posts?per_page={PageSize}&page={page}&orderby=id&order=asc&_embed=1{after}");
            var document = await documents.GetAsync(url.AbsoluteUri, source.AllowPrivateAddress, cancellationToken);
            if (int.TryParse(document.Header("X-WP-Total"), out var total))
            {
                progress.SetTotal(total);
            }

            var posts = Parse(document, url);
            if (posts.Count == 0)
            {
                yield break;
            }

            for (var i = page == startAt / PageSize + 1 ? startAt % PageSize : 0; i < posts.Count; i++)
            {
                yield return await ItemOfAsync((page - 1) * PageSize + i, posts[i], source, site, terms, cancellationToken);
            }

            if (posts.Count < PageSize || (int.TryParse(document.Header("X-WP-TotalPages"), out var pages) && page >= pages))
            {
                yield break;
            }
        }
    }

    private static List<JsonElement> Parse(ImportDocuments.Document document, Uri url)
    {
        try
        {
            using var json = JsonDocument.Parse(document.Bytes);
            if (json.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ImportSourceException($"{ImportDocuments.Shown(url)} did not answer with a list of posts; is it a WordPress site?");
            }

            return [.. json.RootElement.EnumerateArray().Select(post => post.Clone())];
        }
        catch (JsonException exception)
        {
            throw new ImportSourceException($"{ImportDocuments.Shown(url)} answered malformed JSON: {exception.Message}", exception);
        }
    }

    private async Task<ImportItem> ItemOfAsync(
        int position, JsonElement post, ImportSource source, Uri site, Dictionary<(string, long), string> terms,
        CancellationToken cancellationToken)
    {
        var link = ImportedHtml.AbsoluteUrl(String(post, "link"), site);
        var externalId = (Rendered(post, "guid") ?? link ?? (post.TryGetProperty("id", out var id) ? id.ToString() : null))?.Trim();
        if (string.IsNullOrEmpty(externalId))
        {
            return ImportItem.Unreadable(position, null, "The post has no guid, link or id.");
        }

        if (post.TryGetProperty("content", out var content) && content.TryGetProperty("protected", out var isProtected) && isProtected.GetBoolean())
        {
            return ImportItem.Unreadable(position, externalId, "The post is password-protected.");
        }

        var baseUri = link is not null ? new Uri(link) : site;
        var categories = await TermsAsync(post, "category", "categories", source, site, terms, cancellationToken);
        var tags = await TermsAsync(post, "post_tag", "tags", source, site, terms, cancellationToken);
        var body = Rendered(post, "content");
        var request = new UpsertArticleRequest
        {
            Title = ImportedHtml.PlainText(Rendered(post, "title")),
            Summary = ImportedHtml.PlainText(Rendered(post, "excerpt")),
            Body = body is null ? null : ImportedHtml.Body(body, baseUri),
            CoverImageUrl = ImportedHtml.AbsoluteUrl(FeaturedImage(post), baseUri),
            Category = source.Category?.Trim() ?? ImportedHtml.PlainText(categories.FirstOrDefault()),
            Tags = ImportedHtml.Tags(tags),
            Source = new ArticleSourceRequest { Name = source.Name.Trim(), Url = link, ExternalId = externalId },
        };
        return new ImportItem(position, externalId, request, DateOf(post));
    }

    /// <summary>
    /// The names of a post's terms of one taxonomy: from <c>_embedded["wp:term"]</c>, else looked up by id once per run.
    /// </summary>
    private async Task<List<string>> TermsAsync(
        JsonElement post, string taxonomy, string field, ImportSource source, Uri site, Dictionary<(string, long), string> known,
        CancellationToken cancellationToken)
    {
        if (post.TryGetProperty("_embedded", out var embedded) && embedded.TryGetProperty("wp:term", out var groups))
        {
            return [.. groups.EnumerateArray().SelectMany(group => group.EnumerateArray())
                .Where(term => String(term, "taxonomy") == taxonomy)
                .Select(term => String(term, "name")).OfType<string>()];
        }

        if (!post.TryGetProperty(field, out var ids) || ids.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var wanted = ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Number).Select(i => i.GetInt64()).ToList();
        var missing = wanted.Where(i => !known.ContainsKey((taxonomy, i))).ToList();
        if (missing.Count > 0)
        {
            var url = new Uri(site, $"wp-json/wp/v2/{field}?per_page=100&include={string.Join(',', missing)}");
            var document = await documents.GetAsync(url.AbsoluteUri, source.AllowPrivateAddress, cancellationToken);
            foreach (var term in Parse(document, url))
            {
                if (term.TryGetProperty("id", out var termId) && String(term, "name") is { } name)
                {
                    known[(taxonomy, termId.GetInt64())] = name;
                }
            }
        }

        return [.. wanted.Select(i => known.GetValueOrDefault((taxonomy, i))).OfType<string>()];
    }

    private static string? FeaturedImage(JsonElement post) =>
        post.TryGetProperty("_embedded", out var embedded)
        && embedded.TryGetProperty("wp:featuredmedia", out var media)
        && media.ValueKind == JsonValueKind.Array
        && media.GetArrayLength() > 0
            ? String(media[0], "source_url")
            : null;

    /// <summary>The post's time: <c>date_gmt</c> is UTC without a zone; <c>date</c> (the site's time zone, unknown here) is not used.</summary>
    private static DateTimeOffset? DateOf(JsonElement post) =>
        String(post, "date_gmt") is { } gmt
        && DateTime.TryParse(gmt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : null;

    private static string? Rendered(JsonElement post, string field) =>
        post.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Object ? String(value, "rendered") : null;

    private static string? String(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
