namespace KhoaGiao.Api.Http;

/// <summary>
/// Reads an enum from a query string as the JSON spells it (<c>inReview</c>, <c>toaDam</c>), in any case. The
/// framework's own binding is case-sensitive on the C# names, which clients never see.
/// </summary>
public static class QueryEnum
{
    /// <summary>
    /// The member named exactly so (case aside), or null. Only a name: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
    /// would also take numbers and comma lists, whose members it ORs into another one (<c>hoiNghi,hoiThao</c> is a third kind).
    /// </summary>
    public static TEnum? Parse<TEnum>(string? text)
        where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) is { } match
            ? Enum.Parse<TEnum>(match)
            : null;

    /// <summary>The allowed values, camelCase, for messages.</summary>
    public static string Names<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", NamesOf(typeof(TEnum)));

    /// <summary>An enum's members as JSON spells them (camelCase).</summary>
    public static IReadOnlyList<string> NamesOf(Type enumType) =>
        [.. Enum.GetNames(enumType).Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)];
}
