namespace KhoaGiao.Api.Http;

/// <summary>One page of a list. Pass <c>nextCursor</c> back as <c>cursor</c> for the next page; null on the last.</summary>
public sealed record PageResponse<T>(
    [property: OpenApi.MostItems(Paging.MaxLimit)] IReadOnlyList<T> Items,
    [property: OpenApi.Longest(ValidationRules.CursorMaxLength)] string? NextCursor);
