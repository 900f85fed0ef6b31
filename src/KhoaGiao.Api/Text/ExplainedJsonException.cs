using System.Text.Json;

namespace KhoaGiao.Api.Text;

/// <summary>A value a converter refuses, with what it expected in both languages, for the problem naming the field.</summary>
public sealed class ExplainedJsonException : JsonException
{
    private readonly string _vietnamese;
    private readonly string _english;

    public ExplainedJsonException(string vietnamese, string english)
        : base(english) => (_vietnamese, _english) = (vietnamese, english);

    public string Expected => Localized.Text(_vietnamese, _english);

    /// <summary>
    /// Where inside the value the converter was (<c>[2]</c> in a list it reads whole), added to the path the serializer
    /// reports, which ends at the property.
    /// </summary>
    public string Within { get; init; } = "";
}
