using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace KhoaGiao.Api.Data;

/// <summary>Hand-written reads on the context's connection, for the write path's hottest lookups.</summary>
public static class RawReads
{
    /// <summary>
    /// Runs the statements (parameters <c>$1</c>, <c>$2</c>… each; null as SQL NULL) one after the other in one round
    /// trip, inside the context's transaction, and reads the rows of the last one.
    /// </summary>
    public static async Task<List<T>> ReadLastAsync<T>(
        this KhoaGiaoDbContext db, IReadOnlyList<(string Sql, object?[] Parameters)> statements, Func<NpgsqlDataReader, T> row,
        CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Read on the write path inside its transaction.");
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var (sql, parameters) in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var skipped = 1; skipped < statements.Count; skipped++)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
