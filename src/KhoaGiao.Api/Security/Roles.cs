namespace KhoaGiao.Api.Security;

/// <summary>
/// The newsroom's roles, and the scopes each grants: users and API keys go through the same scope policies.
/// </summary>
public static class Roles
{
    /// <summary>Users, roles, API keys and everything editors do.</summary>
    public const string Admin = "admin";

    /// <summary>Reviews, publishes, schedules and edits anyone's article.</summary>
    public const string Editor = "editor";

    /// <summary>Writes articles, edits own drafts, submits them for review; cannot publish.</summary>
    public const string Author = "author";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Author];

    public static IReadOnlyList<string> ScopesOf(string role) => role switch
    {
        Admin => Scopes.All,
        Editor => [Scopes.ContentRead, Scopes.ContentWrite, Scopes.ContentPublish],
        Author => [Scopes.ContentRead, Scopes.ContentWrite],
        _ => [],
    };
}
