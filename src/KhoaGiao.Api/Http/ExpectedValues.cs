using System.Text.Json;
using System.Text.RegularExpressions;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Http;

/// <summary>
/// What a value that could not be read should have been, in words for the problem's <c>errors</c>: the JSON
/// serializer and the parameter binder name only the .NET type they wanted ("could not be converted to
/// System.String"), which a client in another language cannot act on.
/// </summary>
public static partial class ExpectedValues
{
    /// <summary>For a body value: the converter's own words, else the wanted type in words.</summary>
    public static string Of(JsonException exception) => exception is ExplainedJsonException explained
        ? explained.Expected
        : ConvertedTo().Match(exception.Message) is { Success: true } match
            ? Describe(match.Groups["type"].Value)
            : Localized.Text("Giá trị không đọc được.", "The value cannot be read.");

    /// <summary>For a query or route value, from the parameter's declared type (<c>Nullable&lt;int&gt;</c>, <c>Guid</c>).</summary>
    public static string OfParameter(string declaredType, string value)
    {
        var shown = Echo.Shown(value);
        var expected = Describe(NullableParameter().Match(declaredType) is { Success: true } nullable
            ? nullable.Groups["inner"].Value
            : declaredType.TrimEnd('?'));
        return Localized.Text($"Giá trị '{shown}' không đọc được: {expected}", $"The value '{shown}' cannot be read: {expected}");
    }

    private static string Describe(string type)
    {
        type = NullableOf().Match(type) is { Success: true } nullable ? nullable.Groups["inner"].Value : type;
        if (ListOf().Match(type) is { Success: true } list)
        {
            return list.Groups["item"].Value is "System.String"
                ? Localized.Text("phải là một mảng các chuỗi.", "must be an array of strings.")
                : Localized.Text("phải là một mảng.", "must be an array.");
        }

        return type switch
        {
            "System.String" or "string" => Localized.Text("phải là một chuỗi.", "must be a string."),
            "System.Int32" or "System.Int64" or "System.Int16" or "int" or "long" =>
                Localized.Text("phải là một số nguyên.", "must be a whole number."),
            "System.Boolean" or "bool" => Localized.Text("phải là true hoặc false.", "must be true or false."),
            "System.Guid" or "Guid" => Localized.Text(
                "phải là một UUID, ví dụ 0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e.", "must be a UUID such as 0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e."),
            "System.DateTimeOffset" => Localized.Text(
                "phải là một thời điểm có múi giờ, ví dụ 2023-08-16T14:00:00+07:00.",
                "must be a timestamp with an offset such as 2023-08-16T14:00:00+07:00."),
            "VietnamTimestamp" => Localized.Text(
                "phải là một ngày (2023-08-16) hoặc một thời điểm (2023-08-16T14:00:00+07:00).",
                "must be a date (2023-08-16) or a timestamp (2023-08-16T14:00:00+07:00)."),
            _ when typeof(Program).Assembly.GetType(type) is { IsEnum: true } enumType => Localized.Text(
                $"phải là một trong: {Names(enumType)}.", $"must be one of: {Names(enumType)}."),
            _ when type.StartsWith("KhoaGiao.", StringComparison.Ordinal) =>
                Localized.Text("phải là một đối tượng.", "must be an object."),
            _ => Localized.Text("Giá trị không đọc được.", "The value cannot be read."),
        };
    }

    private static string Names(Type enumType) => string.Join(", ", QueryEnum.NamesOf(enumType));

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.? Path:", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"\ASystem\.Nullable`1\[(?<inner>.+)\]\z", RegexOptions.CultureInvariant)]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"\ANullable<(?<inner>.+)>\z", RegexOptions.CultureInvariant)]
    private static partial Regex NullableParameter();

    [GeneratedRegex(@"\A(?:System\.Collections\.Generic\.\w+`1\[(?<item>.+)\]|(?<item>.+)\[\])\z", RegexOptions.CultureInvariant)]
    private static partial Regex ListOf();
}
