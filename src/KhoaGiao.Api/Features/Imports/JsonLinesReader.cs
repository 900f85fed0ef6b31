using System.Runtime.CompilerServices;
using System.Text.Json;
using KhoaGiao.Api.Features.Articles;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// Reads a file of one upsert-by-source request per line (UTF-8, blank lines ignored), for one-off migrations: the
/// request as <c>PUT /api/v1/admin/articles/by-source/{source}/{externalId}</c> takes it, whose
/// <c>source.externalId</c> identifies the article and whose <c>publishedAt</c> is the time to publish it at. A line
/// that is not such a request fails alone, with its line number.
/// </summary>
public sealed class JsonLinesReader(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptionsMonitor<ImportsOptions> options)
{
    public async IAsyncEnumerable<ImportItem> ReadAsync(
        ImportSource source, int startAt, ImportProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var limit = options.CurrentValue.MaxDocumentMegabytes * 1024L * 1024L;
        FileInfo file;
        try
        {
            file = new FileInfo(source.Location);
            if (file.Length > limit)
            {
                throw new ImportSourceException($"{source.Location} is larger than {limit / (1024 * 1024)} MB (Imports:MaxDocumentMegabytes).");
            }

            progress.SetTotal(await File.ReadLinesAsync(file.FullName, cancellationToken).CountAsync(line => !string.IsNullOrWhiteSpace(line), cancellationToken));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ImportSourceException($"{source.Location} could not be read: {exception.Message}", exception);
        }

        using var reader = new StreamReader(file.FullName, detectEncodingFromByteOrderMarks: true);
        var position = 0;
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (position++ >= startAt)
            {
                yield return ItemOf(position - 1, lineNumber, line, source);
            }
        }
    }

    private ImportItem ItemOf(int position, int lineNumber, string line, ImportSource source)
    {
        UpsertArticleRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<UpsertArticleRequest>(line, json.Value.SerializerOptions);
        }
        catch (JsonException exception)
        {
            return ImportItem.Unreadable(position, null, $"Line {lineNumber} is not an article request: {exception.Message}");
        }

        var externalId = request?.Source?.ExternalId?.Trim();
        if (request is null || string.IsNullOrEmpty(externalId))
        {
            return ImportItem.Unreadable(position, null, $"Line {lineNumber} has no source.externalId to identify the article by.");
        }

        // As on the upsert route, the line may leave the source's name out: the import names it.
        return new ImportItem(position, externalId, request with
        {
            Category = source.Category?.Trim() ?? request.Category,
            Source = request.Source! with { Name = request.Source.Name ?? source.Name.Trim() },
        }, request.PublishedAt);
    }
}
