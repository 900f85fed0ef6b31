using KhoaGiao.Api.Http;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace KhoaGiao.Api.Data;

/// <summary>
/// Sends anonymous delivery reads to the read replica named by <c>ConnectionStrings:KhoaGiaoRead</c>, when one is;
/// writes, management reads, authenticated and preview reads, the change feed, and everything outside a request use
/// the primary. A replica runs behind the primary, so after every change this instance hears of (its own writes, and
/// other instances' through the change log's notifications) reads go to the primary again until the replica is seen
/// to have replayed the primary's WAL as it stood after the change: a read never caches what the change replaced.
/// A replica that cannot be reached is not used until it answers again.
/// </summary>
public sealed class ReadReplica(IHttpContextAccessor http, ContentChanges changes, IConfiguration configuration)
{
    /// <summary>Name of the read replica's connection string (<c>ConnectionStrings__KhoaGiaoRead</c>).</summary>
    public const string ConnectionStringName = "KhoaGiaoRead";

    // The content version (ContentChanges) the replica was last seen to hold; -1: not yet seen.
    private long _caughtUpVersion = -1;

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _waking = new();

    /// <summary>Whether a read replica is configured.</summary>
    public bool Configured { get; } = !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));

    /// <summary>
    /// Whether a database context made for <paramref name="scope"/> may read from the replica: only the request's own
    /// scope's, as a scope made during a request (the Data Protection key ring's, which may write a new key) is not
    /// the request's read.
    /// </summary>
    public bool Serves(IServiceProvider scope)
    {
        if (!Configured || http.HttpContext is not { } context || !ReferenceEquals(context.RequestServices, scope)
            || !IsAnonymousDeliveryRead(context))
        {
            return false;
        }

        if (changes.Version == Interlocked.Read(ref _caughtUpVersion))
        {
            return true;
        }

        Wake();
        return false;
    }

    /// <summary>Tells the watcher to look at the replica now.</summary>
    public void Wake()
    {
        lock (_waking)
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
    }

    /// <summary>Waits until <see cref="Wake"/> or <paramref name="timeout"/> (of real time: it paces checks of a real server).</summary>
    public Task WaitForWakeAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    /// <summary>The content version whose changes the replica holds, from now on (or none: <c>-1</c>).</summary>
    public void SetCaughtUp(long version) => Interlocked.Exchange(ref _caughtUpVersion, version);

    /// <summary>Whether the replica, at <paramref name="replayed"/>, holds the primary's WAL up to <paramref name="primary"/>.</summary>
    /// <remarks>A server that is not a standby has no replay position: it is the primary, or a copy kept some other way, and current.</remarks>
    public static bool HasReplayed(NpgsqlLogSequenceNumber? replayed, NpgsqlLogSequenceNumber primary) => replayed is not { } at || at >= primary;

    private static bool IsAnonymousDeliveryRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint()?.Metadata is { } metadata
        && metadata.GetMetadata<DeliveryEndpointMetadata>() is not null
        && metadata.GetMetadata<PrimaryOnlyMetadata>() is null
        && context.User.Identity?.IsAuthenticated != true
        && context.Request.Headers.Authorization.Count == 0
        && !context.Request.Query.ContainsKey("preview");

    /// <summary>Marks a delivery endpoint that reads from the primary even with a replica (the change feed).</summary>
    public sealed class PrimaryOnlyMetadata
    {
        public static readonly PrimaryOnlyMetadata Instance = new();
    }
}

/// <summary>
/// Watches the read replica, when one is configured: after a change (woken by a read that found one), reads the
/// primary's WAL position, then the replica's replay position until it has passed it, and lets reads go to the
/// replica again. Also looks every <see cref="DatabaseOptions.ReadReplicaCheckSeconds"/>, so a replica that stops
/// answering is left alone until it answers again.
/// </summary>
public sealed class ReadReplicaWatcher(
    ReadReplica replica, ContentChanges changes, IConfiguration configuration, IOptions<DatabaseOptions> options,
    ILogger<ReadReplicaWatcher> logger) : BackgroundService
{
    // Real time, as the waits below: they pace the checks of a real server.
    private static readonly TimeSpan LagPollInterval = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!replica.Configured)
        {
            return;
        }

        var primary = DataServices.ConnectionString(configuration);
        var read = DataServices.ConnectionString(configuration, ReadReplica.ConnectionStringName);
        var checkEvery = TimeSpan.FromSeconds(options.Value.ReadReplicaCheckSeconds);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var version = changes.Version;
                var target = await ScalarAsync(primary, "SELECT pg_current_wal_lsn()", stoppingToken)
                    ?? throw new InvalidOperationException("The primary has no WAL position.");
                while (!ReadReplica.HasReplayed(await ScalarAsync(read, "SELECT pg_last_wal_replay_lsn()", stoppingToken), target))
                {
                    await Task.Delay(LagPollInterval, stoppingToken);
                }

                replica.SetCaughtUp(version);
                if (failing)
                {
                    logger.LogInformation("The read replica answers again; anonymous delivery reads use it.");
                    failing = false;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                replica.SetCaughtUp(-1);
                if (!failing)
                {
                    logger.LogWarning(exception, "The read replica cannot be reached; reads use the primary until it answers.");
                    failing = true;
                }
            }

            try
            {
                await replica.WaitForWakeAsync(checkEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<NpgsqlLogSequenceNumber?> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken) is NpgsqlLogSequenceNumber lsn ? lsn : null;
    }
}
