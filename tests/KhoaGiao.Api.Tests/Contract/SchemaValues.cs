using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// CsCheck generators of values for the schemas of the OpenAPI document: values a schema accepts (type, format, enum,
/// length and range limits, the document's examples, real values from <see cref="FuzzData"/> for properties whose
/// name says what they hold) and values it refuses or that test its edges (wrong types, out of range, malformed
/// formats, missing required or unknown properties, garbage and unusual Unicode, very long strings).
/// </summary>
public sealed class SchemaValues
{
    private const int MaxDepth = 4;

    private static readonly Gen<char> Letters = Gen.Char["abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789-ăâđêôơưáàảãạếềểễệóòỏõọúùủũụíìỉĩịĐ"];

    /// <summary>Any character of the Basic Multilingual Plane except the surrogates, which a URL cannot carry alone.</summary>
    private static readonly Gen<char> AnyChar = Gen.Char['\u0001', '\uD7FF'];

    /// <summary>Strings no field expects: injections, NUL and control characters, odd Unicode, numbers as text, very long.</summary>
    public static readonly Gen<string> Garbage = AnyOf(
        OneOfValues(
            " ", "\t", "null", "undefined", "0", "-1", "true", "[]", "{}", "' OR '1'='1", "\"; --", "<script>alert(1)</script>",
            "%00", "%2e%2e%2f", "${jndi:ldap://x}", "{{7*7}}", "\0", "a\0b", "\u202Eabc", "e\u0301\u0301\u0301", "\uFEFF",
            "😀🇻🇳", "Ｔọａ đàm", "ǅ", "İı", "ß", "\u200B", "\u2028", "\\", "//", "a/b", "?#&=", "+", "%", "NaN", "Infinity",
            "1e309", "-0", "0x1F", "2147483648", "-2147483649", "9223372036854775808", "00000000-0000-0000-0000-000000000000"),
        Gen.String[AnyChar, 1, 40],
        Gen.String[Gen.Char[' ', '~'], 1, 40],
        Gen.Int[300, 5000].Select(n => new string('đ', n)),
        Gen.Int[1000, 12000].Select(n => string.Concat(Enumerable.Repeat("Tọa đàm ", n / 8))));

    private readonly JsonObject _schemas;
    private readonly FuzzData _data;
    private readonly string[] _vocabulary;

    public SchemaValues(JsonNode document, FuzzData data)
    {
        _schemas = document["components"]!["schemas"]!.AsObject();
        _data = data;
        _vocabulary = VocabularyOf(document);
    }

    /// <summary>A value the schema accepts.</summary>
    public Gen<JsonNode?> Value(JsonObject schema, string? name, int depth)
    {
        var (resolved, nullable) = Resolve(schema);
        if (depth > MaxDepth)
        {
            return Gen.Const((JsonNode?)null);
        }

        var value = ValueOf(resolved, name, depth);

        // Rarely null: the request records are nullable throughout so that validation, not binding, names a missing
        // field, and a null there is mostly a 400.
        return nullable ? Weighted((39, value), (1, Gen.Const((JsonNode?)null))) : value;
    }

    private Gen<JsonNode?> ValueOf(JsonObject schema, string? name, int depth)
    {
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            var choices = values.Where(v => v is not null).Select(v => v!.ToJsonString()).ToArray();
            return OneOfValues(choices).Select(JsonText);
        }

        switch (schema["type"]?.GetValue<string>())
        {
            case "string":
                return ScalarText(schema, name).Select(s => (JsonNode?)JsonValue.Create(s));
            case "integer":
            case "number":
            case "boolean":
                return ScalarText(schema, name).Select(JsonText);
            case "array":
                var items = schema["items"] as JsonObject ?? [];

                // An array's example names its items' typical values (["editor"], ["Khoa giáo", "Tọa đàm"]).
                if (schema["example"] is JsonArray { Count: > 0 } itemExamples && items["$ref"] is null)
                {
                    items = items.DeepClone().AsObject();
                    items["example"] = itemExamples.DeepClone();
                }

                var min = schema["minItems"]?.GetValue<int>() ?? 0;
                var max = schema["maxItems"]?.GetValue<int>() ?? Math.Max(min, 4);
                return Value(items, name, depth + 1).Array[min, Math.Min(max, min + 6)]
                    .Select(array => (JsonNode?)new JsonArray(array.ToArray()));
            case "object" or null when schema["properties"] is JsonObject properties:
                var required = RequiredOf(schema);
                return properties.Aggregate(
                    Gen.Const(Array.Empty<KeyValuePair<string, JsonNode?>>()),
                    (object_, property) =>
                    {
                        var value = Value(property.Value!.AsObject(), property.Key, depth + 1);
                        var member = required.Contains(property.Key)
                            ? value.Select(v => (KeyValuePair<string, JsonNode?>?)KeyValuePair.Create(property.Key, v))
                            : Weighted(
                                (19, value.Select(v => (KeyValuePair<string, JsonNode?>?)KeyValuePair.Create(property.Key, v))),
                                (1, Gen.Const((KeyValuePair<string, JsonNode?>?)null)));
                        return object_.SelectMany(members => member.Select(m => m is { } present ? [.. members, present] : members));
                    })
                    .Select(members => (JsonNode?)new JsonObject(members));
            case "object":
                return Gen.Const(() => (JsonNode?)new JsonObject());
            default:
                return AnyOf(ScalarText(new JsonObject { ["type"] = "string" }, name).Select(s => (JsonNode?)JsonValue.Create(s)),
                    Gen.Int[0, 100].Select(i => (JsonNode?)JsonValue.Create(i)), Gen.Const((JsonNode?)null));
        }
    }

    /// <summary>A value the schema refuses (or that tests its edges): one thing wrong, the rest as the schema says.</summary>
    public Gen<JsonNode?> Wrong(JsonObject schema, string? name, int depth)
    {
        var (resolved, nullable) = Resolve(schema);
        var type = resolved["type"]?.GetValue<string>();
        var wrong = new List<(int, IGen<JsonNode?>)>
        {
            (3, WrongScalar(resolved)),
            (2, Garbage.Select(s => (JsonNode?)JsonValue.Create(s))),
        };
        if (!nullable)
        {
            wrong.Add((1, Gen.Const((JsonNode?)null)));
        }

        if (resolved["properties"] is JsonObject properties && properties.Count > 0 && depth <= MaxDepth)
        {
            var names = properties.Select(p => p.Key).ToArray();
            var valid = ValueOf(resolved, name, depth).Select(v => v as JsonObject ?? []);

            // One property wrong, the others valid.
            wrong.Add((6, valid.SelectMany(object_ => OneOfValues(names).SelectMany(property =>
                Wrong(properties[property]!.AsObject(), property, depth + 1).Select(value =>
                {
                    object_[property] = value;
                    return (JsonNode?)object_;
                })))));

            // A required property missing, or every property missing.
            var required = RequiredOf(resolved).ToArray();
            wrong.Add((2, valid.SelectMany(object_ => (required.Length > 0 ? OneOfValues(required) : OneOfValues(names)).Select(property =>
            {
                object_.Remove(property);
                return (JsonNode?)object_;
            }))));
            wrong.Add((1, Gen.Const(() => (JsonNode?)new JsonObject())));

            // A property the schema does not know.
            wrong.Add((1, valid.SelectMany(object_ => Garbage.Select(extra =>
            {
                object_["unknownProperty"] = extra;
                return (JsonNode?)object_;
            }))));
        }

        if (type == "array" && resolved["items"] is JsonObject items && depth <= MaxDepth)
        {
            wrong.Add((4, Value(items, name, depth + 1).Array[0, 3].SelectMany(array => Wrong(items, name, depth + 1)
                .Select(bad => (JsonNode?)new JsonArray([.. array, bad])))));
            wrong.Add((1, Gen.Int[200, 2000].Select(n => (JsonNode?)new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode?)JsonValue.Create($"mục {i}")).ToArray()))));
        }

        return Weighted(wrong.ToArray());
    }

    /// <summary>Wrong types and out-of-range or malformed values for a scalar schema.</summary>
    public static Gen<JsonNode?> WrongScalar(JsonObject schema)
    {
        var type = schema["type"]?.GetValue<string>();
        var format = schema["format"]?.GetValue<string>();
        var wrongType = AnyOf(
            type == "string" ? OneOfValues<JsonNode?>(1, 1.5, true) : OneOfValues<JsonNode?>("text", "1", "true"),
            Gen.Const(() => (JsonNode?)new JsonArray(1, "a")),
            Gen.Const(() => (JsonNode?)new JsonObject { ["a"] = 1 }));
        var edges = (type, format) switch
        {
            ("integer", _) => OneOfValues<JsonNode?>(-1, 0, int.MaxValue, int.MinValue, 2147483648L, -2147483649L, long.MaxValue,
                99999999999999999999m, 1.5, 1e308),
            ("number", _) => OneOfValues<JsonNode?>(-1, 1e308, -1e308, 0.1),
            ("string", "uuid") => OneOfValues<JsonNode?>("not-a-uuid", "00000000-0000-0000-0000-000000000000", "0199a6c2-7f3e-7a41-b2c5",
                "{0199a6c2-7f3e-7a41-b2c5-9d8e7f6a5b4c}", "0199A6C27F3E7A41B2C59D8E7F6A5B4C", "0199a6c2-7f3e-7a41-b2c5-9d8e7f6a5b4cx"),
            ("string", "date-time") => OneOfValues<JsonNode?>("2023-13-45T25:61:00+07:00", "yesterday", "2023-08-16", "2023-08-16T14:00:00",
                "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2023-08-16T14:00:00+25:00", "1692169200", ""),
            ("string", "date") => OneOfValues<JsonNode?>("2023-02-30", "16/08/2023", "2023-08-16T14:00:00+07:00", "0000-01-01", "10000-01-01", ""),
            ("string", _) => AnyOf(
                Gen.Int[schema["maxLength"]?.GetValue<int>() + 1 ?? 3000, (schema["maxLength"]?.GetValue<int>() + 1 ?? 3000) + 200]
                    .Select(n => (JsonNode?)JsonValue.Create(new string('a', n))),
                OneOfValues<JsonNode?>("", "   ")),
            ("boolean", _) => OneOfValues<JsonNode?>("yes", 1, 0),
            _ => OneOfValues<JsonNode?>("text", 1),
        };
        return AnyOf(wrongType, edges).Select(node => node?.DeepClone());
    }

    /// <summary>A value for a parameter or a string, number or boolean property, as text (JSON text for numbers and booleans).</summary>
    public Gen<string> ScalarText(JsonObject schema, string? name, JsonNode? example = null)
    {
        var (resolved, _) = Resolve(schema);
        example ??= resolved["example"];
        if (resolved["enum"] is JsonArray values && values.Count > 0)
        {
            return OneOfValues(values.Where(v => v is not null).Select(v => v!.ToString()).ToArray());
        }

        var random = (resolved["type"]?.GetValue<string>(), resolved["format"]?.GetValue<string>()) switch
        {
            ("string", "uuid") => Gen.Guid.Select(g => g.ToString()),
            ("string", "date-time") => DateTimes(),
            ("string", "date") => Gen.DateOnly[new DateOnly(2000, 1, 1), new DateOnly(2035, 12, 31)].Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("integer", var format) => Integers(resolved, format),
            ("number", _) => Gen.Double[-1000, 1000].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            ("boolean", _) => Gen.Bool.Select(b => b ? "true" : "false"),
            _ => Texts(resolved),
        };

        // The document's examples are valid by the rules the schema cannot state (a slug's shape, a URL), so they weigh
        // more than random text: requests then get past validation often enough to reach the handlers.
        var choices = new List<(int, IGen<string>)> { (example is null ? 2 : 1, random) };
        if (example is JsonValue exampleValue)
        {
            // The example itself, or made unique by a suffix that keeps most shapes valid (a slug, an e-mail, a URL), so
            // that creating items with unique fields does not stop at the first conflict.
            var text = exampleValue.ToString();
            choices.Add((3, Gen.Const(text)));
            if (exampleValue.GetValueKind() == System.Text.Json.JsonValueKind.String && resolved["format"] is null)
            {
                choices.Add((3, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 6].Select(suffix => text + suffix)));
            }
        }

        if (example is JsonArray exampleItems && exampleItems.Count > 0)
        {
            choices.Add((6, OneOfValues(exampleItems.Select(i => i!.ToString()).ToArray())));
        }

        if (name is not null && FuzzData.PoolForName(name) is { } pool)
        {
            choices.Add((4, FromPool(pool, random)));
        }

        if (resolved["type"]?.GetValue<string>() is "string" or null && resolved["format"] is null)
        {
            choices.Add((1, OneOfValues(_vocabulary)));
        }

        return Weighted(choices.ToArray());
    }

    private static Gen<string> Texts(JsonObject schema)
    {
        var min = schema["minLength"]?.GetValue<int>() ?? 1;
        var max = schema["maxLength"]?.GetValue<int>() ?? 40;
        return Gen.String[Letters, min, Math.Max(min, Math.Min(max, 60))];
    }

    private static Gen<string> Integers(JsonObject schema, string? format)
    {
        if (schema["minimum"] is not null || schema["maximum"] is not null)
        {
            var min = long.Parse(schema["minimum"]?.ToString() ?? (format == "int32" ? int.MinValue : long.MinValue).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var max = long.Parse(schema["maximum"]?.ToString() ?? (format == "int32" ? int.MaxValue : long.MaxValue).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return Gen.Long[min, max].Select(v => v.ToString(CultureInfo.InvariantCulture));
        }

        return Weighted(
            (6, Gen.Long[0, 100]),
            (1, Gen.Long[-10, 10]),
            (1, format == "int64" ? Gen.Long : Gen.Int.Select(i => (long)i)))
            .Select(v => v.ToString(CultureInfo.InvariantCulture));
    }

    private static Gen<string> DateTimes() =>
        Gen.Select(
            Gen.Long[new DateTime(2000, 1, 1).Ticks, new DateTime(2035, 12, 31).Ticks],
            OneOfValues(TimeSpan.FromHours(7), TimeSpan.Zero, TimeSpan.FromHours(-5)),
            (ticks, offset) => new DateTimeOffset(ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, offset)
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));

    public Gen<string> FromPool(string pool, Gen<string> otherwise) =>
        Gen.Int[0, int.MaxValue].SelectMany(i => _data.Values(pool) is { Count: > 0 } values ? Gen.Const(values[i % values.Count]) : otherwise);

    /// <summary>The schema behind a <c>$ref</c> or a one-member <c>allOf</c>, and whether <c>nullable</c> lets it be null.</summary>
    private (JsonObject Schema, bool Nullable) Resolve(JsonObject schema)
    {
        var nullable = schema["nullable"]?.GetValue<bool>() ?? false;
        for (var hops = 0; hops < 8; hops++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = _schemas[reference.Split('/')[^1]]!.AsObject();
            }
            else if (schema["allOf"] is JsonArray { Count: 1 } allOf)
            {
                schema = allOf[0]!.AsObject();
            }
            else
            {
                break;
            }

            nullable |= schema["nullable"]?.GetValue<bool>() ?? false;
        }

        return (schema, nullable);
    }

    private static HashSet<string> RequiredOf(JsonObject schema) =>
        (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    private static JsonNode? JsonText(string text) => JsonNode.Parse(text);

    /// <summary>Every enum value and string example in the document: words the service knows, for any string.</summary>
    private static string[] VocabularyOf(JsonNode document)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        Collect(document, words);
        return [.. words];

        static void Collect(JsonNode? node, SortedSet<string> words)
        {
            switch (node)
            {
                case JsonObject object_:
                    foreach (var (key, value) in object_)
                    {
                        if (key is "enum" && value is JsonArray values)
                        {
                            words.UnionWith(values.OfType<JsonValue>().Select(v => v.ToString()));
                        }
                        else if (key is "example" && value is JsonValue example && example.TryGetValue<string>(out var text) && text.Length < 200)
                        {
                            words.Add(text);
                        }
                        else if (key is not "description")
                        {
                            Collect(value, words);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Collect(item, words);
                    }

                    break;
            }
        }
    }

    public static Gen<T> AnyOf<T>(params IGen<T>[] gens) => Gen.OneOf<T>(gens);

    public static Gen<T> OneOfValues<T>(params T[] values) => Gen.OneOf<T>(values);

    public static Gen<T> Weighted<T>(params (int, IGen<T>)[] gens) => Gen.Frequency<T>(gens);
}
