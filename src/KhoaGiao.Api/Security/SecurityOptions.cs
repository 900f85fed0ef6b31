namespace KhoaGiao.Api.Security;

/// <summary>Settings of the <c>Security</c> section.</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// An API key with the <c>admin</c> scope that is never stored in the database, used to create the real keys.
    /// Empty disables it. Use a long random value and keep it out of source control.
    /// </summary>
    public string? BootstrapAdminKey { get; set; }
}
