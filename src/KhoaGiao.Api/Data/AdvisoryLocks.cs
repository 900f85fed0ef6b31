using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace KhoaGiao.Api.Data;

/// <summary>
/// The namespaces of the PostgreSQL advisory locks the service takes, as the first key of the two-key
/// <c>pg_advisory_xact_lock(int, int)</c>, in one list so that no two uses ever share one. The second key is a hash
/// of what is locked; a collision only makes two unrelated writers queue.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>An article's source identity (folded source name and external id), taken before looking it up.</summary>
    public const int ArticleSource = 0x4B470001;

    /// <summary>A slug derived from a title, taken before looking for the first free variant.</summary>
    public const int ArticleSlug = 0x4B470002;

    /// <summary>
    /// Takes the lock on <paramref name="key"/> in <paramref name="space"/> until the transaction ends, then runs
    /// <paramref name="query"/> (parameters <c>$1</c>, <c>$2</c>… from <paramref name="parameters"/>) and reads its
    /// rows, in one round trip. The query is a statement of its own, so it sees what other transactions committed
    /// while this one waited for the lock.
    /// </summary>
    public static async Task<List<T>> LockThenReadAsync<T>(
        this KhoaGiaoDbContext db, int space, string key, string query, object?[] parameters, Func<NpgsqlDataReader, T> row,
        CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Take an advisory lock inside a transaction.");
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))")
        {
            Parameters = { new NpgsqlParameter { Value = space }, new NpgsqlParameter { Value = key } },
        });
        var read = new NpgsqlBatchCommand(query);
        foreach (var parameter in parameters)
        {
            read.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        batch.BatchCommands.Add(read);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
