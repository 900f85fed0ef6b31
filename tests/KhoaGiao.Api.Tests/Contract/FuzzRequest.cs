using System.Collections.Immutable;
using System.Text;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>Who a fuzz request claims to be.</summary>
public enum FuzzCredential
{
    /// <summary>The bootstrap admin API key: every scope.</summary>
    AdminKey,

    /// <summary>A staff account's bearer token, signed in while seeding.</summary>
    StaffToken,

    /// <summary>A bearer token from a sign-in made just for this request, for operations that end the session.</summary>
    FreshStaffToken,

    Anonymous,
    UnknownApiKey,
    MalformedBearerToken,
}

/// <summary>One generated request: what the operation's parameters and body were set to, and who sends it.</summary>
public sealed record FuzzRequest(
    FuzzOperation Operation,
    bool MeantValid,
    ImmutableDictionary<string, string> PathValues,
    ImmutableList<KeyValuePair<string, string>> Query,
    ImmutableList<KeyValuePair<string, string>> Headers,
    string? Body,
    string? ContentType,
    FuzzCredential Credential)
{
    public static FuzzRequest For(FuzzOperation operation, bool meantValid) => new(
        operation, meantValid, ImmutableDictionary<string, string>.Empty, [], [], null, null, FuzzCredential.AdminKey);

    /// <summary>The path with its parameters filled in (escaped) and the query string.</summary>
    public string PathAndQuery
    {
        get
        {
            var path = new StringBuilder(Operation.Path);
            foreach (var (name, value) in PathValues)
            {
                path.Replace("{" + name + "}", Uri.EscapeDataString(value));
            }

            if (Query.Count > 0)
            {
                path.Append('?').AppendJoin('&', Query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)));
            }

            return path.ToString();
        }
    }

    /// <summary>The request as a reader of a failure report needs it: method, URL, credential, headers, body excerpt.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"{Operation.Method} {PathAndQuery} [{Credential}, meant {(MeantValid ? "valid" : "invalid")}]");
        foreach (var (name, value) in Headers)
        {
            text.Append($"\n      {name}: {Excerpt(value, 120)}");
        }

        if (Body is not null || ContentType is not null)
        {
            text.Append($"\n      body ({ContentType ?? "no content type"}, {Body?.Length ?? 0} chars): {Excerpt(Body ?? "", 400)}");
        }

        return text.ToString();
    }

    public static string Excerpt(string text, int length)
    {
        var escaped = new StringBuilder();
        foreach (var c in text.Length > length ? text[..length] : text)
        {
            escaped.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c);
        }

        return text.Length > length ? escaped + $"… (+{text.Length - length})" : escaped.ToString();
    }
}
