using System.Net.Http.Headers;
using System.Text;
using KhoaGiao.Api.Http;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// Fetches what the importer reads: a URL through the importer's HTTP client (timeouts, retries with backoff on 5xx
/// and timeouts, the User-Agent, and the outbound guard unless the source allows a private address), or a file; at
/// most <see cref="ImportsOptions.MaxDocumentMegabytes"/> either way.
/// </summary>
public sealed class ImportDocuments(IHttpClientFactory clients, IOptionsMonitor<ImportsOptions> options)
{
    /// <summary>The client for sources on the internet: every connection goes through <see cref="OutboundGuard"/>.</summary>
    public const string ClientName = "imports";

    /// <summary>The client for sources allowed on a private address (<c>--allow-private-address</c>).</summary>
    public const string PrivateClientName = "imports-private";

    /// <summary>A fetched document: its bytes, the charset its server declared, and the address it came from after redirects.</summary>
    public sealed record Document(byte[] Bytes, string? Charset, Uri? Address, HttpResponseHeaders? Headers)
    {
        /// <summary>A response header's first value.</summary>
        public string? Header(string name) =>
            Headers is not null && Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }

    public async Task<Document> GetAsync(string location, bool allowPrivateAddress, CancellationToken cancellationToken)
    {
        var limit = options.CurrentValue.MaxDocumentMegabytes * 1024L * 1024L;
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return await FileAsync(location, limit, cancellationToken);
        }

        var client = clients.CreateClient(allowPrivateAddress ? PrivateClientName : ClientName);
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ImportSourceException($"{Shown(uri)} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var bytes = await ReadAsync(body, limit, Shown(uri), cancellationToken);
            return new Document(bytes, response.Content.Headers.ContentType?.CharSet, response.RequestMessage?.RequestUri ?? uri, response.Headers);
        }
        catch (HttpRequestException exception) when (exception.InnerException is DestinationRefusedException)
        {
            throw new ImportSourceException(
                $"{Shown(uri)} is on this machine or a private network; pass --allow-private-address (or set AllowPrivateAddress) to import from it.",
                exception);
        }
        catch (HttpRequestException exception)
        {
            throw new ImportSourceException($"{Shown(uri)} could not be reached: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException
                                              && !cancellationToken.IsCancellationRequested)
        {
            throw new ImportSourceException($"{Shown(uri)} did not answer within {options.CurrentValue.TimeoutSeconds} s.", exception);
        }
    }

    /// <summary>The encoding a declared charset names, or null when there is none or it is unknown.</summary>
    public static Encoding? EncodingOf(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(charset.Trim('"', '\'', ' '));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A URL as messages show it: without user info, query or fragment, which may hold secrets.</summary>
    public static string Shown(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>
    /// A location as the management API shows it: a URL as <see cref="Shown(Uri)"/>, a file by its name (its folder
    /// is the importing machine's business).
    /// </summary>
    public static string Shown(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? Shown(uri) : Path.GetFileName(location);

    private static async Task<Document> FileAsync(string path, long limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            return new Document(await ReadAsync(file, limit, path, cancellationToken), null, null, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ImportSourceException($"{path} could not be read: {exception.Message}", exception);
        }
    }

    private static async Task<byte[]> ReadAsync(Stream body, long limit, string shown, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new ImportSourceException($"{shown} is larger than {limit / (1024 * 1024)} MB (Imports:MaxDocumentMegabytes).");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
