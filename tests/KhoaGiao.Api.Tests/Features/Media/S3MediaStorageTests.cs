using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KhoaGiao.Api.Features.Media;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Tests.Features.Media;

/// <summary>
/// How the S3 store fails: every failure of the store, whatever its kind, is a <see cref="MediaStorageException"/>
/// (the API's 503) that names the store and bucket and no secret, and arrives within the configured time, while a
/// cancellation by the caller stays a cancellation.
/// </summary>
public sealed class S3MediaStorageTests
{
    private const string SecretKey = "test-secret-key-do-not-print-7f3a";

    [Test]
    public void A_store_nobody_listens_at_fails_at_once_with_MediaStorageException()
    {
        var port = FreePort();
        using var storage = Storage(new MediaS3Options { ServiceUrl = $"http://127.0.0.1:{port}", Bucket = "khoagiao-absent" });
        var key = MediaKeys.Source(Guid.NewGuid());

        var elapsed = Stopwatch.StartNew();
        var put = Assert.ThrowsAsync<MediaStorageException>(() => storage.PutAsync(key, new byte[100], "image/jpeg", CancellationToken.None));
        var read = Assert.ThrowsAsync<MediaStorageException>(() => storage.OpenReadAsync(key, CancellationToken.None));
        var delete = Assert.ThrowsAsync<MediaStorageException>(() => storage.DeleteAsync([key], CancellationToken.None));

        // Default retries (2) with the SDK's back-off, three times over: seconds, not the 30 s timeout.
        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        foreach (var failure in new[] { put, read, delete })
        {
            Assert.That(failure!.Message, Does.Contain($"http://127.0.0.1:{port}").And.Contain("khoagiao-absent").And.Not.Contain(SecretKey));
        }
    }

    [Test]
    public void A_bucket_that_does_not_exist_is_a_MediaStorageException_not_a_missing_object()
    {
        var bucket = $"khoagiao-missing-{Guid.NewGuid():N}";
        using var storage = new S3MediaStorage(Options.Create(TestS3.MediaOptions(s3 => s3.Bucket = bucket)));
        var key = MediaKeys.Source(Guid.NewGuid());

        var put = Assert.ThrowsAsync<MediaStorageException>(() => storage.PutAsync(key, new byte[100], "image/jpeg", CancellationToken.None));
        var read = Assert.ThrowsAsync<MediaStorageException>(() => storage.OpenReadAsync(key, CancellationToken.None));
        var delete = Assert.ThrowsAsync<MediaStorageException>(() => storage.DeleteAsync([key], CancellationToken.None));

        foreach (var failure in new[] { put, read, delete })
        {
            Assert.That(failure!.Message, Does.Contain(bucket));
        }
    }

    [Test]
    public async Task A_store_that_never_answers_fails_with_MediaStorageException_after_the_timeout()
    {
        await using var silent = new SilentServer();
        using var storage = Storage(new MediaS3Options { ServiceUrl = silent.Url, Bucket = "khoagiao-silent", TimeoutSeconds = 1, MaxRetries = 0 });
        var key = MediaKeys.Source(Guid.NewGuid());

        var elapsed = Stopwatch.StartNew();
        var read = Assert.ThrowsAsync<MediaStorageException>(() => storage.OpenReadAsync(key, CancellationToken.None));
        var readTook = elapsed.Elapsed;
        elapsed.Restart();
        var put = Assert.ThrowsAsync<MediaStorageException>(() => storage.PutAsync(key, new byte[100], "image/jpeg", CancellationToken.None));
        var putTook = elapsed.Elapsed;

        Assert.That(silent.Connections, Is.GreaterThan(0), "the server accepted the connections");
        Assert.That(new[] { readTook, putTook }, Has.All.InRange(TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5)));
        Assert.That(read!.Message, Does.Contain("no answer within 1 s").And.Contain(silent.Url));
        Assert.That(put!.Message, Does.Contain("no answer within 1 s"));
    }

    [Test]
    public async Task Each_retry_has_its_own_timeout()
    {
        await using var silent = new SilentServer();
        using var storage = Storage(new MediaS3Options { ServiceUrl = silent.Url, Bucket = "khoagiao-silent", TimeoutSeconds = 1, MaxRetries = 1 });

        var elapsed = Stopwatch.StartNew();
        Assert.ThrowsAsync<MediaStorageException>(() => storage.OpenReadAsync(MediaKeys.Source(Guid.NewGuid()), CancellationToken.None));

        Assert.That(elapsed.Elapsed, Is.InRange(TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(8)));
    }

    [Test]
    public async Task Cancelling_a_request_to_a_store_that_never_answers_throws_OperationCanceledException()
    {
        await using var silent = new SilentServer();
        using var storage = Storage(new MediaS3Options { ServiceUrl = silent.Url, Bucket = "khoagiao-silent", TimeoutSeconds = 30 });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var elapsed = Stopwatch.StartNew();
        Assert.That(
            () => storage.OpenReadAsync(MediaKeys.Source(Guid.NewGuid()), cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());

        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    private static S3MediaStorage Storage(MediaS3Options s3)
    {
        s3.AccessKey = "test-access-key";
        s3.SecretKey = SecretKey;
        return new S3MediaStorage(Options.Create(new MediaOptions { Storage = MediaStorageKind.S3, S3 = s3 }));
    }

    /// <summary>A port on 127.0.0.1 that was free a moment ago, so nothing answers there.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Accepts TCP connections on 127.0.0.1 and never answers on them: a store that hangs.</summary>
    private sealed class SilentServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];
        private readonly CancellationTokenSource _stopping = new();
        private readonly Task _accepting;

        public SilentServer()
        {
            _listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _accepting = AcceptAsync();
        }

        public string Url { get; }

        public int Connections
        {
            get
            {
                lock (_clients)
                {
                    return _clients.Count;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync();
            _listener.Stop();
            await _accepting;
            lock (_clients)
            {
                _clients.ForEach(client => client.Dispose());
            }

            _stopping.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                    lock (_clients)
                    {
                        _clients.Add(client);
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
