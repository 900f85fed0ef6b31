namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// Where media files live: the local file system (<see cref="LocalMediaStorage"/>) or an S3-compatible object store
/// (<see cref="S3MediaStorage"/>), chosen by <c>Media:Storage</c>. Keys are built by <see cref="MediaKeys"/> from ids
/// and widths, never from user input. An object, once written, is never rewritten with other bytes: renditions are
/// made the same way from the same source, so two instances writing one key at once write the same file. Every
/// failure of the store surfaces as <see cref="MediaStorageException"/>.
/// </summary>
public interface IMediaStorage
{
    /// <summary>Stores the bytes under the key, replacing what is there.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>The object under the key, or null when there is none. The caller disposes the stream.</summary>
    Task<StoredMedia?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the objects under these keys; keys with no object are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}

/// <summary>An object read from <see cref="IMediaStorage"/>: its bytes and their length.</summary>
public sealed record StoredMedia(Stream Content, long Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
