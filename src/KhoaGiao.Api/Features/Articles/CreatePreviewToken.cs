using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>A preview link's token.</summary>
public sealed record PreviewTokenResponse
{
    /// <summary>Longest token the service issues (a data-protected id and expiry, some 150 characters).</summary>
    public const int PreviewTokenMaxLength = 1024;

    /// <summary>Send as <c>?preview=</c> to the delivery API's article route.</summary>
    [OpenApi.Longest(PreviewTokenMaxLength)]
    public required string Token { get; init; }

    /// <summary>The delivery URL that shows the article with this token.</summary>
    /// <example>/api/v1/articles/0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e?preview=CfDJ8…</example>
    [OpenApi.Longest(PreviewTokenMaxLength + 100)]
    public required string Url { get; init; }

    /// <example>2026-11-30T10:00:00+00:00</example>
    public DateTimeOffset ExpiresAt { get; init; }
}

public static class CreatePreviewToken
{
    public static async Task<Results<Ok<PreviewTokenResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, PreviewTokens tokens, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return ArticleProblems.NotFound(id);
        }

        var (token, expiresAt) = tokens.Create(id);
        return TypedResults.Ok(new PreviewTokenResponse
        {
            Token = token,
            Url = $"/api/v1/articles/{id}?preview={Uri.EscapeDataString(token)}",
            ExpiresAt = expiresAt,
        });
    }
}
