using System.Text.Json.Nodes;
using CsCheck;
using static KhoaGiao.Api.Tests.Contract.SchemaValues;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// CsCheck generators of requests for one operation, read from its parameters and body in the OpenAPI document. Most
/// requests are meant to be valid: every parameter, header and body property gets a value its schema accepts
/// (<see cref="SchemaValues"/>), and real ids, slugs and tokens from <see cref="FuzzData"/> are mixed in so that requests
/// reach existing items. The rest break exactly one part (a parameter, a header, the body or the credential): a value
/// the schema refuses, malformed, deeply nested or oversized JSON, no body or another content type, or no, an unknown
/// or a malformed credential.
/// </summary>
public sealed class OpenApiRequestGenerator(JsonNode document, FuzzData data)
{
    private const int ValidPercent = 70;

    /// <summary>Larger than the test host's request body limit (64 KiB), so 413 is reached.</summary>
    private const int OversizedLength = 70_000;

    /// <summary>Values no JSON reader should accept as the body, or that test its limits.</summary>
    private static readonly Gen<string> MalformedJson = OneOfValues(
        "{", "{\"", "{\"a\":", "[1,2", "nul", "{\"a\":1}}", "'single'", "{a:1}", "{\"a\":01}", "\u0000", " ", "{\"a\":\"\\x\"}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\\ud800\"}", "{\"a\":NaN}", "{\"a\":1,}", "\uFEFF{}",
        new string('[', 100) + new string(']', 100),
        string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100));


    private readonly SchemaValues _values = new(document, data);

    public Gen<FuzzRequest> For(FuzzOperation operation)
    {
        // The parts a request can get wrong: each parameter, the body, the credential.
        var parts = operation.Parameters.Count + (operation.Body is null ? 0 : 1) + 1;
        return Gen.Int[0, 99].SelectMany(roll => roll < ValidPercent
            ? Build(operation, broken: -1)
            : Gen.Int[0, parts - 1].SelectMany(part => Build(operation, part)));
    }

    private Gen<FuzzRequest> Build(FuzzOperation operation, int broken)
    {
        var request = Gen.Const(FuzzRequest.For(operation, meantValid: broken < 0));
        for (var i = 0; i < operation.Parameters.Count; i++)
        {
            var parameter = operation.Parameters[i];
            var valid = i != broken;
            request = parameter.In switch
            {
                "path" => request.SelectMany(r => PathValue(operation, parameter, valid)
                    .Select(value => r with { PathValues = r.PathValues.SetItem(parameter.Name, value) })),
                "query" => request.SelectMany(r => QueryValues(parameter, valid)
                    .Select(values => r with { Query = r.Query.AddRange(values.Select(v => KeyValuePair.Create(parameter.Name, v))) })),
                "header" => request.SelectMany(r => HeaderValue(parameter, valid)
                    .Select(value => value is null ? r : r with { Headers = r.Headers.Add(KeyValuePair.Create(parameter.Name, value)) })),
                _ => request,
            };
        }

        if (operation.Body is { } body)
        {
            var valid = broken != operation.Parameters.Count;
            request = request.SelectMany(r => Body(body, valid).Select(b => r with { Body = b.Text, ContentType = b.ContentType }));
        }

        var credentialValid = broken != operation.Parameters.Count + (operation.Body is null ? 0 : 1);
        return request.SelectMany(r => Credential(operation, credentialValid).Select(c => r with { Credential = c }));
    }

    private Gen<FuzzCredential> Credential(FuzzOperation operation, bool valid)
    {
        if (!valid)
        {
            return OneOfValues(FuzzCredential.Anonymous, FuzzCredential.UnknownApiKey, FuzzCredential.MalformedBearerToken);
        }

        return operation.Id switch
        {
            // Signing out ends every session of the account, so some requests bring a session of their own (a sign-in,
            // which costs a password hash); the others send the seeded session, valid until the first sign-out.
            "Logout" => Weighted((1, Gen.Const(FuzzCredential.FreshStaffToken)), (2, Gen.Const(FuzzCredential.StaffToken)),
                (1, Gen.Const(FuzzCredential.AdminKey))),
            _ when data.AccessToken is not null => Weighted((4, Gen.Const(FuzzCredential.AdminKey)), (1, Gen.Const(FuzzCredential.StaffToken))),
            _ => Gen.Const(FuzzCredential.AdminKey),
        };
    }

    private Gen<string> PathValue(FuzzOperation operation, FuzzOperation.Parameter parameter, bool valid)
    {
        if (!valid)
        {
            // Never empty, "." or "..": those address another route, not a wrong value of this one. Never NUL either: the
            // test host refuses to send it in a path (Kestrel answers 400 itself; HostileInputTests covers that).
            return AnyOf(Garbage, SchemaValues.WrongScalar(parameter.Schema).Select(n => n?.ToJsonString() ?? "null"))
                .Select(value => value.Replace("\0", "", StringComparison.Ordinal))
                .Select(value => value.Trim('.').Length == 0 ? value + "x" : value);
        }

        var random = _values.ScalarText(parameter.Schema, parameter.Name);
        return FuzzData.PoolForPath(operation, parameter.Name) is { } pool
            ? Weighted((3, _values.FromPool(pool, random)), (1, random))
            : random;
    }

    private Gen<string[]> QueryValues(FuzzOperation.Parameter parameter, bool valid)
    {
        if (!valid)
        {
            return Weighted(
                (4, AnyOf(Garbage, SchemaValues.WrongScalar(parameter.Schema).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? "")).Select(v => new[] { v })),
                (1, _values.ScalarText(parameter.Schema, parameter.Name).Array[2, 3]));
        }

        var value = _values.ScalarText(parameter.Schema, parameter.Name, parameter.Example);
        return parameter.Required
            ? value.Select(v => new[] { v })
            : Weighted((1, value.Select(v => new[] { v })), (1, Gen.Const(Array.Empty<string>())));
    }

    private Gen<string?> HeaderValue(FuzzOperation.Parameter parameter, bool valid)
    {
        if (!valid)
        {
            // Header values cannot carry line breaks; everything else that is wrong is fair.
            return AnyOf(
                OneOfValues<string?>("", " ", "khóa", "a\u0001b", "W/\"1\"", "\"abc\"", "1", "\"4294967296\"", "*, \"1\"", "\"1\", \"2\""),
                Gen.Int[256, 2000].Select(n => (string?)new string('k', n)),
                Gen.String[Gen.Char[' ', '~'], 1, 60].Select(s => (string?)s));
        }

        var value = parameter.Name switch
        {
            // The ETags the service handed out (some stale by now), any version, or a version that never was.
            "If-Match" => Weighted((3, _values.FromPool("etag", Gen.Const("*"))), (2, Gen.Const("*")), (1, Gen.UInt.Select(v => $"\"{v}\""))),

            // Mostly a new key; sometimes one sent before, which replays the first response or is 422 for another request.
            "Idempotency-Key" => Weighted((3, Gen.Guid.Select(g => g.ToString())), (1, _values.FromPool("idempotencyKey", Gen.Const("fuzz-retry-1")))),
            _ => _values.ScalarText(parameter.Schema, parameter.Name, parameter.Example),
        };
        return parameter.Required
            ? value.Select(v => (string?)v)
            : Weighted((1, value.Select(v => (string?)v)), (1, Gen.Const((string?)null)));
    }

    private Gen<(string? Text, string? ContentType)> Body(FuzzOperation.RequestBody body, bool valid)
    {
        if (valid)
        {
            var value = _values.Value(body.Schema, name: null, depth: 0);
            return (body.Required ? value : Weighted((4, value), (1, Gen.Const((JsonNode?)null))))
                .Select(node => node is null && !body.Required
                    ? ((string?)null, (string?)null)
                    : (node?.ToJsonString() ?? "null", body.MediaType));
        }

        var json = body.MediaType;
        return Weighted(
            (6, _values.Wrong(body.Schema, null, 0).Select(node => ((string?)(node?.ToJsonString() ?? "null"), (string?)json))),
            (2, MalformedJson.Select(text => ((string?)text, (string?)json))),
            (1, Gen.Const(((string?)null, (string?)null))),
            (1, Gen.Const(((string?)"", (string?)json))),
            (1, _values.Value(body.Schema, null, 0).SelectMany(node => OneOfValues("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data")
                .Select(type => ((string?)(node?.ToJsonString() ?? "null"), (string?)type)))),
            (1, Gen.Const(((string?)$"{{\"padding\":\"{new string('x', OversizedLength)}\"}}", (string?)json))));
    }
}
