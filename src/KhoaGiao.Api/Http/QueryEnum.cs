namespace KhoaGiao.Api.Http;

/// <summary>
/// Reads an enum from a query string as the JSON spells it (<c>inReview</c>, <c>toaDam</c>), in any case. The
/// framework's own binding is case-sensitive on the C# names, which clients never see.
/// </summary>
public static class QueryEnum
{
    public static TEnum? Parse<TEnum>(string? text)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : null;

    /// <summary>The allowed values, camelCase, for messages.</summary>
    public static string Names<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetNames<TEnum>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName));
}
