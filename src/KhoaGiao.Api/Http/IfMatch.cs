namespace KhoaGiao.Api.Http;

/// <summary>
/// A write's <c>If-Match</c> precondition (RFC 9110 §13.1.1), read once, so that a write running apart from the
/// request's headers (an item of a batch, which names its version in the body) is held to the same check.
/// </summary>
/// <param name="Sent">Whether a precondition was stated at all.</param>
/// <param name="Version">The row version it names; null for <c>*</c>.</param>
/// <param name="Matchable">False when it names nothing this API issues (a weak or malformed tag): it never matches.</param>
public readonly record struct IfMatch(bool Sent, uint? Version, bool Matchable)
{
    public static IfMatch None => new(false, null, true);

    public static IfMatch Of(uint? version) => version is null ? None : new(true, version, true);

    public static IfMatch From(HttpContext context) =>
        ETags.TryGetIfMatch(context, out var version)
            ? new(context.Request.Headers.IfMatch.Count > 0, version, true)
            : new(true, null, false);
}
