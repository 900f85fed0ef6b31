using System.Text.Json;
using System.Text.Json.Serialization;

namespace KhoaGiao.Api.Http;

/// <summary>
/// Enums in JSON as one camelCase member name. <see cref="JsonStringEnumConverter"/> also reads a comma list
/// (<c>"hoiNghi, hoiThao"</c>) and ORs its members into another one, which for a plain enum is a different value
/// than any the client named; here that is a JSON error, so a 400 naming the field.
/// </summary>
public sealed class SingleNameEnumConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => _names.CanConvert(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(SingleName<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options))!;

    private sealed class SingleName<TEnum>(JsonConverter<TEnum> names) : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString()!.Contains(','))
            {
                var names = QueryEnum.Names<TEnum>();
                throw new Text.ExplainedJsonException($"phải là đúng một trong: {names}.", $"must be exactly one of: {names}.");
            }

            return names.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            names.Write(writer, value, options);

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            names.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            names.WriteAsPropertyName(writer, value, options);
    }
}
