using Microsoft.AspNetCore.Identity;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>A member of the department's staff who signs in ("Đăng nhập") to write and publish.</summary>
public sealed class EditorUser : IdentityUser<Guid>
{
    public EditorUser() => Id = Guid.CreateVersion7();

    /// <summary>The name shown on revisions and in the audit log ("Nguyễn Văn An").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Set when an admin disables the account; a disabled user can neither sign in nor use a token.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
