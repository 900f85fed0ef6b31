using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>Settings of the <c>Accounts</c> section.</summary>
public sealed class AccountsOptions
{
    /// <summary>Minutes an access token is valid; refresh it with the refresh token.</summary>
    [Range(1, 1440)]
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>Days a refresh token is valid.</summary>
    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    [Range(1, 100)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>Minutes a locked account stays locked.</summary>
    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts per minute from one IP address; past it, 429.</summary>
    [Range(1, 1_000_000)]
    public int LoginAttemptsPerMinutePerIp { get; set; } = 20;

    /// <summary>Sign-in attempts per minute for one account, whatever the address; past it, 429.</summary>
    [Range(1, 1_000_000)]
    public int LoginAttemptsPerMinutePerAccount { get; set; } = 10;

    /// <summary>Shortest password accepted.</summary>
    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 10;
}
