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
    /// An import source and location, held by its run for the run's length (a session lock, on a connection of its
    /// own), so that one source is imported by one process at a time.
    /// </summary>
    public const int ImportSource = 0x4B470003;

    /// <summary>
    /// Migrating the database, held by a migration for its length (a session lock, on a connection of
    /// its own): a second migration waits, then finds nothing left to apply.
    /// </summary>
    public const int Migrations = 0x4B470004;

    /// <summary>
    /// Takes the lock on <paramref name="key"/> in <paramref name="space"/> until the transaction ends, then runs
    /// <paramref name="query"/> (parameters <c>$1</c>, <c>$2</c>… from <paramref name="parameters"/>) and reads its
    /// rows, in one round trip. The query is a statement of its own, so it sees what other transactions committed
    /// while this one waited for the lock.
    /// </summary>
    public static Task<List<T>> LockThenReadAsync<T>(
        this KhoaGiaoDbContext db, int space, string key, string query, object?[] parameters, Func<NpgsqlDataReader, T> row,
        CancellationToken cancellationToken) =>
        db.ReadLastAsync([("SELECT pg_advisory_xact_lock($1, hashtext($2))", [space, key]), (query, parameters)], row, cancellationToken);

    /// <summary>
    /// Takes the session lock on <paramref name="key"/> in <paramref name="space"/> on a connection of its own, outside
    /// the pool, so that it lasts until that connection is disposed (closing it ends the session, and the lock with it).
    /// With <paramref name="wait"/> it waits for the lock; without, it returns null when another session holds it.
    /// </summary>
    public static async Task<NpgsqlConnection?> HoldSessionLockAsync(
        IConfiguration configuration, int space, string key, bool wait, CancellationToken cancellationToken)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(DataServices.ConnectionString(configuration)) { Pooling = false, CommandTimeout = 0 };
        var connection = new NpgsqlConnection(unpooled.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand(
                wait ? "SELECT true FROM (SELECT pg_advisory_lock($1, hashtext($2))) AS taken" : "SELECT pg_try_advisory_lock($1, hashtext($2))",
                connection)
            {
                Parameters = { new() { Value = space }, new() { Value = key } },
            };
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                return connection;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }
}
