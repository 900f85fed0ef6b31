namespace KhoaGiao.Api.Security;

/// <summary>Settings of the <c>Security</c> section.</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// An API key with the <c>admin</c> scope that is never stored in the database, used to create the real keys.
    /// Empty disables it. Use a long random value and keep it out of source control.
    /// </summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>
    /// A PKCS#12 (.pfx) file whose certificate encrypts the token-signing keys kept in the database, so a copy of
    /// the database (a backup, a replica) cannot forge sign-in tokens or preview links. Empty: keys are stored
    /// unencrypted, which is fine for development only.
    /// </summary>
    public string? KeyEncryptionCertificatePath { get; set; }

    /// <summary>Password of <see cref="KeyEncryptionCertificatePath"/>; keep it out of source control.</summary>
    public string? KeyEncryptionCertificatePassword { get; set; }
}
