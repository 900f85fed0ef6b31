namespace KhoaGiao.Api.Features.Accounts;

/// <summary>Settings of the <c>Accounts</c> section.</summary>
public sealed class AccountsOptions
{
    /// <summary>Minutes an access token is valid; refresh it with the refresh token.</summary>
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>Days a refresh token is valid.</summary>
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>Minutes a locked account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts per minute from one IP address; past it, 429.</summary>
    public int LoginAttemptsPerMinutePerIp { get; set; } = 20;

    /// <summary>Sign-in attempts per minute for one account, whatever the address; past it, 429.</summary>
    public int LoginAttemptsPerMinutePerAccount { get; set; } = 10;

    /// <summary>Shortest password accepted.</summary>
    public int MinimumPasswordLength { get; set; } = 10;
}
