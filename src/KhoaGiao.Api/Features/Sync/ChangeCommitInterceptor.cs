using System.Data.Common;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace KhoaGiao.Api.Features.Sync;

/// <summary>
/// When a transaction that recorded changes commits, drops this process's cached delivery responses at once, so the
/// instance that made a change serves it on the very next request. Other instances hear of it through
/// <see cref="ChangeListener"/>.
/// </summary>
public sealed class ChangeCommitInterceptor(DeliveryCacheEviction eviction) : DbTransactionInterceptor
{
    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override async Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is KhoaGiaoDbContext { ChangesRecorded: true } db)
        {
            db.ChangesRecorded = false;
            await eviction.EvictAsync(CancellationToken.None);
        }
    }

    public override Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Forget(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is KhoaGiaoDbContext db)
        {
            db.ChangesRecorded = false;
        }
    }
}
