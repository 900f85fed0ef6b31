using System.Reflection;

namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// The values a string field or parameter (or each string of a list) takes, for the document's <c>enum</c>: an enum's
/// members as JSON spells them (camelCase), or a static list of strings (<c>nameof(Scopes.All)</c>). Read from the
/// same source as the code that checks them, so the two cannot drift.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ValuesFromAttribute(Type source, string? member = null) : Attribute
{
    public IReadOnlyList<string> Values => member is null
        ? Http.QueryEnum.NamesOf(source)
        : [.. (IEnumerable<string>)(source.GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? source.GetProperty(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException($"{source.Name}.{member} is not a static list of strings."))];
}

/// <summary>The most items a list the service sends can hold, where no validator says (an enum's size, or a number).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MostItemsAttribute : Attribute
{
    public MostItemsAttribute(int max) => Max = max;

    public MostItemsAttribute(Type enumType) => Max = Enum.GetValues(enumType).Length;

    public int Max { get; }
}

/// <summary>The longest a string field (or each string of a list) can be, where no database column or validator says.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class LongestAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}
