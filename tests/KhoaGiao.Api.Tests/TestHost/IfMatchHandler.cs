using System.Text.RegularExpressions;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>
/// Lets tests that are not about concurrency write to articles and photos as a careful client would: a write to one
/// article or photo without <c>If-Match</c> first reads its current ETag and sends it. Tests of 428 and 412 use a client
/// without this handler, or set the header themselves.
/// </summary>
public sealed partial class IfMatchHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get && request.Headers.IfMatch.Count == 0
            && ArticleWrite().Match(request.RequestUri!.AbsolutePath) is { Success: true } match)
        {
            var read = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri, match.Groups["article"].Value));
            read.Headers.Authorization = request.Headers.Authorization;
            using var response = await base.SendAsync(read, cancellationToken);
            if (response.Headers.ETag is { } etag)
            {
                request.Headers.IfMatch.Add(etag);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    [GeneratedRegex("^(?<article>/api/v1/admin/(articles|media)/[0-9a-fA-F-]{36})(/(submit|publish|reject|unpublish|archive|revisions/\\d+/restore))?$")]
    private static partial Regex ArticleWrite();
}
