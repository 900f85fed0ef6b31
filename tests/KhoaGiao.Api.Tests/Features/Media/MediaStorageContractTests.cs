using System.Security.Cryptography;
using KhoaGiao.Api.Features.Media;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Tests.Features.Media;

/// <summary>
/// What <see cref="IMediaStorage"/> promises, checked the same way on each store: the local folder, and the S3 store
/// against <see cref="TestS3"/> (MinIO or S3 when <c>KHOAGIAO_TEST_S3</c> names one, else the emulator). Every key is
/// made from a fresh id, so runs sharing a bucket never meet, and each test deletes what it wrote.
/// </summary>
[TestFixture(MediaStorageKind.Local)]
[TestFixture(MediaStorageKind.S3)]
public sealed class MediaStorageContractTests(MediaStorageKind kind)
{
    private IMediaStorage _storage = null!;
    private string? _folder;
    private readonly List<string> _written = [];

    [OneTimeSetUp]
    public void CreateStorage()
    {
        if (kind == MediaStorageKind.S3)
        {
            _storage = new S3MediaStorage(Options.Create(TestS3.MediaOptions()));
            return;
        }

        _folder = Directory.CreateTempSubdirectory("khoagiao-media-").FullName;
        _storage = new LocalMediaStorage(
            Options.Create(new MediaOptions { LocalPath = Path.Combine(_folder, "media-root") }),
            new HostingEnvironment { ContentRootPath = _folder });
    }

    [OneTimeTearDown]
    public void DisposeStorage()
    {
        (_storage as IDisposable)?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TearDown]
    public async Task DeleteWrittenAsync()
    {
        if (_written.Count > 0)
        {
            await _storage.DeleteAsync(_written, CancellationToken.None);
            _written.Clear();
        }
    }

    [Test]
    public async Task Put_then_read_returns_the_bytes_and_their_length()
    {
        var buffer = RandomNumberGenerator.GetBytes(5000);
        var content = buffer.AsMemory(17, 4000);
        var key = MediaKeys.Original(Guid.NewGuid(), MediaFormat.Png);

        await PutAsync(key, content);

        var (bytes, length) = await ReadAsync(key);
        Assert.That(length, Is.EqualTo(4000));
        Assert.That(bytes, Is.EqualTo(content.ToArray()));
    }

    [Test]
    public async Task Put_over_an_existing_object_replaces_it_whole()
    {
        var key = MediaKeys.Rendition(Guid.NewGuid(), 640, MediaFormat.WebP);
        await PutAsync(key, RandomNumberGenerator.GetBytes(10_000));
        var second = RandomNumberGenerator.GetBytes(3_000);

        await PutAsync(key, second);

        var (bytes, length) = await ReadAsync(key);
        Assert.That(length, Is.EqualTo(second.Length));
        Assert.That(bytes, Is.EqualTo(second));
    }

    [Test]
    public async Task OpenRead_of_a_key_with_no_object_returns_null()
    {
        var id = Guid.NewGuid();
        await PutAsync(MediaKeys.Source(id), RandomNumberGenerator.GetBytes(100));

        await using var sibling = await _storage.OpenReadAsync(MediaKeys.Original(id, MediaFormat.Jpeg), CancellationToken.None);
        await using var unknown = await _storage.OpenReadAsync(MediaKeys.Source(Guid.NewGuid()), CancellationToken.None);
        Assert.That(sibling, Is.Null, "another file of a stored item");
        Assert.That(unknown, Is.Null, "a file of an item never stored");
    }

    [Test]
    public async Task Delete_removes_every_named_object_and_ignores_keys_with_none()
    {
        var id = Guid.NewGuid();
        string[] stored = [MediaKeys.Source(id), MediaKeys.Original(id, MediaFormat.Jpeg), MediaKeys.Rendition(id, 320, MediaFormat.WebP)];
        foreach (var key in stored)
        {
            await PutAsync(key, RandomNumberGenerator.GetBytes(200));
        }

        var other = MediaKeys.Source(Guid.NewGuid());
        await PutAsync(other, RandomNumberGenerator.GetBytes(200));

        // Past 1,000 keys, so the S3 store's second DeleteObjects request is the one that holds stored objects.
        var missing = Enumerable.Range(0, 1_100).Select(width => MediaKeys.Rendition(Guid.NewGuid(), width + 1, MediaFormat.Jpeg));
        List<string> keys = [.. missing, .. stored, MediaKeys.Rendition(id, 9999, MediaFormat.Jpeg), stored[0]];

        await _storage.DeleteAsync(keys, CancellationToken.None);

        foreach (var key in stored)
        {
            await using var left = await _storage.OpenReadAsync(key, CancellationToken.None);
            Assert.That(left, Is.Null, key);
        }

        Assert.That((await ReadAsync(other)).Length, Is.EqualTo(200), "an object not named stays");
        await _storage.DeleteAsync(stored, CancellationToken.None);
    }

    [Test]
    public async Task An_object_of_the_largest_upload_size_round_trips()
    {
        var content = RandomNumberGenerator.GetBytes((int)new MediaOptions().MaxUploadBytes);
        var key = MediaKeys.Source(Guid.NewGuid());

        await PutAsync(key, content);

        var (bytes, length) = await ReadAsync(key);
        Assert.That(length, Is.EqualTo(content.Length));
        Assert.That(SHA256.HashData(bytes), Is.EqualTo(SHA256.HashData(content)));
    }

    [Test]
    public async Task Concurrent_puts_of_one_key_leave_one_whole_object_and_readers_see_only_whole_ones()
    {
        var key = MediaKeys.Rendition(Guid.NewGuid(), 1280, MediaFormat.Jpeg);
        var contents = Enumerable.Range(0, 6).Select(_ => RandomNumberGenerator.GetBytes(1024 * 1024)).ToList();
        var hashes = contents.Select(content => Convert.ToHexString(SHA256.HashData(content))).ToHashSet();
        await PutAsync(key, contents[0]);

        using var writing = new CancellationTokenSource();
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                seen.Add(Convert.ToHexString(SHA256.HashData((await ReadAsync(key)).Bytes)));
                reading.TrySetResult();
            }
        });
        await Task.WhenAny(reading.Task, reader);
        await Task.WhenAll(contents.Select(content => Task.Run(async () =>
        {
            for (var round = 0; round < 3; round++)
            {
                await _storage.PutAsync(key, content, "image/jpeg", CancellationToken.None);
            }
        })));
        await writing.CancelAsync();
        await reader;

        Assert.That(hashes, Does.Contain(Convert.ToHexString(SHA256.HashData((await ReadAsync(key)).Bytes))));
        Assert.That(seen, Is.Not.Empty);
        Assert.That(seen.Distinct(), Is.SubsetOf(hashes), "every read gave one writer's bytes, whole");
    }

    [Test]
    public void Put_with_a_cancelled_token_throws_OperationCanceledException()
    {
        var key = MediaKeys.Source(Guid.NewGuid());
        _written.Add(key);

        Assert.That(
            () => _storage.PutAsync(key, RandomNumberGenerator.GetBytes(1000), "image/png", new CancellationToken(canceled: true)),
            Throws.InstanceOf<OperationCanceledException>());
    }

    private async Task PutAsync(string key, ReadOnlyMemory<byte> content)
    {
        _written.Add(key);
        await _storage.PutAsync(key, content, "image/jpeg", CancellationToken.None);
    }

    private async Task<(byte[] Bytes, long Length)> ReadAsync(string key)
    {
        await using var stored = await _storage.OpenReadAsync(key, CancellationToken.None);
        Assert.That(stored, Is.Not.Null, key);
        using var copy = new MemoryStream();
        await stored!.Content.CopyToAsync(copy);
        return (copy.ToArray(), stored.Length);
    }
}
