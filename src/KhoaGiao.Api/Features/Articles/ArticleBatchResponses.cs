using Microsoft.AspNetCore.Mvc;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>What a batch upsert did, item by item, in request order.</summary>
public sealed record UpsertArticlesBatchResponse
{
    [OpenApi.MostItems(UpsertArticlesBatchRequestValidator.MaxItems)]
    public required IReadOnlyList<UpsertArticlesBatchItemResponse> Items { get; init; }
}

/// <summary>The outcome of one item of a batch upsert: what the single upsert would have answered.</summary>
public sealed record UpsertArticlesBatchItemResponse
{
    /// <summary>The item's position in the request, from 0.</summary>
    /// <example>0</example>
    public int Index { get; init; }

    /// <summary>
    /// The status the single <c>PUT …/by-source/{source}/{externalId}</c> would have answered: 201 created, 200 updated
    /// or already up to date, or the failure's (400, 403, 409, 412…; the item then changed nothing).
    /// </summary>
    /// <example>201</example>
    public int Status { get; init; }

    /// <summary>The article's id, when the item succeeded.</summary>
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid? Id { get; init; }

    /// <summary>The article's version after the item (its ETag without quotes), when the item succeeded.</summary>
    /// <example>1234</example>
    public uint? Version { get; init; }

    /// <summary>
    /// Why the item failed: the RFC 9457 problem the single upsert would have answered, validation <c>errors</c> keyed
    /// as there (<c>title</c>, <c>source.name</c>…), and <c>instance</c> the item's single-upsert path.
    /// </summary>
    public ProblemDetails? Problem { get; init; }
}
