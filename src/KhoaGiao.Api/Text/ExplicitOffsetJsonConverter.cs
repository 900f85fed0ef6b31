using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using KhoaGiao.Api.Time;

namespace KhoaGiao.Api.Text;

/// <summary>
/// Reads timestamps only with an explicit offset (<c>2023-08-16T14:00:00+07:00</c> or <c>…Z</c>). A bare local
/// time would otherwise be taken in the server's own zone, hours away from the Vietnamese time that was meant.
/// </summary>
public sealed class ExplicitOffsetJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            || !VietnamTime.HasOffset(text))
        {
            throw new ExplainedJsonException(
                "phải là một thời điểm có múi giờ, ví dụ 2023-08-16T14:00:00+07:00 hoặc 2023-08-16T07:00:00Z.",
                "must be a timestamp with an offset, e.g. 2023-08-16T14:00:00+07:00 or 2023-08-16T07:00:00Z.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
