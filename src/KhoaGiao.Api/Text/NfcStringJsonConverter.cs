using System.Text.Json;
using System.Text.Json.Serialization;

namespace KhoaGiao.Api.Text;

/// <summary>
/// Normalises every string read from a JSON body to NFC, so text typed on a device that sends decomposed
/// Vietnamese (NFD, common on macOS and iOS) is stored, compared and slugged the same as everyone else's.
/// </summary>
public sealed class NfcStringJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() switch
        {
            null => null,

            // PostgreSQL text cannot hold NUL; refusing it here makes it a 400 rather than a database error.
            var text when text.Contains('\0') => throw new JsonException("Strings may not contain the NUL character."),
            var text => VietnameseText.Nfc(text),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
