using KhoaGiao.Api.Features.Articles;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// One item of a source as a reader made it: the article request to upsert, or the reason none could be made.
/// </summary>
/// <param name="Position">The item's place in the source, from 0; what a checkpoint counts.</param>
/// <param name="ExternalId">The item's id at the source (its guid, Atom id, or link), which identifies it with the source's name.</param>
/// <param name="Request">The article as the upsert-by-source endpoint would receive it; null when <paramref name="Problem"/> says why.</param>
/// <param name="PublishedAt">When the source says the item was published, if it says.</param>
/// <param name="Problem">Why the item could not be read.</param>
public sealed record ImportItem(int Position, string? ExternalId, UpsertArticleRequest? Request, DateTimeOffset? PublishedAt, string? Problem = null)
{
    public static ImportItem Unreadable(int position, string? externalId, string problem) => new(position, externalId, null, null, problem);
}
