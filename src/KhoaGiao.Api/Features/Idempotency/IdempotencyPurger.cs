using KhoaGiao.Api.Data;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Idempotency;

/// <summary>
/// Deletes expired idempotency keys now and then. Expired keys are never replayed (a claim takes them over), so a
/// missed purge only leaves rows a little longer.
/// </summary>
public sealed class IdempotencyPurger(
    IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyPurger> logger)
    : PeriodicPurger(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes);

    protected override string Rows => "expired idempotency keys";

    protected override async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdempotencyKeys>().PurgeExpiredAsync(cancellationToken);
    }
}
