using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// Media files in a folder (<see cref="MediaOptions.LocalPath"/>), one file per key. A file is written beside its
/// final name and moved into place, so a reader never sees half of it, and two instances sharing the folder that
/// write one key at once each leave a whole file.
/// </summary>
public sealed class LocalMediaStorage(IOptions<MediaOptions> options, IHostEnvironment environment) : IMediaStorage
{
    private readonly string _root = Path.GetFullPath(options.Value.LocalPath, environment.ContentRootPath);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
            throw new MediaStorageException($"The media folder could not store {key}: {exception.Message}", exception);
        }
        catch (OperationCanceledException)
        {
            TryDelete(partial);
            throw;
        }
    }

    public Task<StoredMedia?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous);
            return Task.FromResult<StoredMedia?>(new StoredMedia(file, file.Length));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<StoredMedia?>(null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new MediaStorageException($"The media folder could not read {key}: {exception.Message}", exception);
        }
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var key in keys)
            {
                try
                {
                    File.Delete(PathOf(key));
                }
                catch (DirectoryNotFoundException)
                {
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new MediaStorageException($"The media folder could not delete files: {exception.Message}", exception);
        }

        foreach (var folder in keys.Select(key => Path.GetDirectoryName(PathOf(key))!).Distinct())
        {
            RemoveIfEmpty(folder);
        }

        return Task.CompletedTask;
    }

    /// <summary>The file of a key. Keys come from <see cref="MediaKeys"/>; one that would leave the folder is refused all the same.</summary>
    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The key {key} leaves the media folder.", nameof(key));
        }

        return path;
    }

    /// <summary>
    /// Removes a media item's folder once its files are gone. Tidying only: the folder may already be gone, or another
    /// instance may be writing into it again, and then it stays.
    /// </summary>
    private static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
