using Microsoft.Net.Http.Headers;

namespace KhoaGiao.Api.Http;

/// <summary>Strong ETags over a row version (PostgreSQL <c>xmin</c>), and the <c>If-Match</c> check (RFC 9110 §13.1.1).</summary>
public static class ETags
{
    public static string Format(uint version) => $"\"{version}\"";

    public static void Set(HttpContext context, uint version) =>
        context.Response.Headers.ETag = Format(version);

    /// <summary>
    /// The version the client last saw, from <c>If-Match</c>; null when the header is absent or <c>*</c>.
    /// False when the header is present but names no version of ours (it then cannot match).
    /// </summary>
    public static bool TryGetIfMatch(HttpContext context, out uint? version)
    {
        version = null;
        var header = context.Request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count != 1)
        {
            return false;
        }

        var tag = tags[0];
        if (tag.Equals(EntityTagHeaderValue.Any))
        {
            return true;
        }

        if (tag.IsWeak || !uint.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }
}
