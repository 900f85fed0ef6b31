using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// The served files of media items: read from the store, and made from the uploaded file when missing (at upload, in
/// the background, or on the first request for one). Within an instance each file is made once however many requests
/// want it at the same moment, a request joining the background work when that is already making its file, and at
/// most <see cref="MediaOptions.MaxConcurrentRenders"/> images are decoded at once. Across instances two may make the
/// same file; they write the same bytes (<see cref="IMediaStorage"/>).
/// </summary>
public sealed class MediaFiles(IMediaStorage storage, MediaImaging imaging, IOptions<MediaOptions> options, ILogger<MediaFiles> logger)
{
    private readonly SemaphoreSlim _renders = new(options.Value.MaxConcurrentRenders is > 0 and var most ? most : Environment.ProcessorCount);

    /// <summary>The files being made now, by storage key: each completes true once stored, false when the uploaded file is gone.</summary>
    private readonly ConcurrentDictionary<string, Task<bool>> _making = new(StringComparer.Ordinal);

    /// <summary>The stored file, made first if it is missing; null when the uploaded file it is made from is gone.</summary>
    public async Task<StoredMedia?> OpenAsync(MediaItem item, MediaFile file, CancellationToken cancellationToken)
    {
        var key = file.KeyOf(item.Id);
        if (await storage.OpenReadAsync(key, cancellationToken) is { } stored)
        {
            return stored;
        }

        if (await MakeAsync(item, [file], cancellationToken))
        {
            return await storage.OpenReadAsync(key, cancellationToken);
        }

        logger.LogError("The uploaded file of media {MediaId} is missing from the store; {File} cannot be made", item.Id, file.Name);
        return null;
    }

    /// <summary>Makes every file the item is served as (after an upload); false when its uploaded file is gone.</summary>
    public Task<bool> MakeAllAsync(MediaItem item, CancellationToken cancellationToken) =>
        MakeAsync(item, [.. MediaRenditions.FilesFor(item.Format, item.Width)], cancellationToken);

    /// <summary>Stores the uploaded file, from which every served file is made.</summary>
    public Task StoreSourceAsync(Guid id, byte[] content, MediaFormat format, CancellationToken cancellationToken) =>
        storage.PutAsync(MediaKeys.Source(id), content, format.ContentType(), cancellationToken);

    /// <summary>
    /// Removes every file of an item, the uploaded one included, once this instance has finished making any of them (a
    /// file stored after the removal would be left behind). Another instance making one at that moment can still leave
    /// it behind: no route serves it, since the item is gone.
    /// </summary>
    public async Task DeleteAllAsync(Guid id, MediaFormat format, int width, CancellationToken cancellationToken)
    {
        var prefix = $"media/{id:N}/";
        var making = _making.Where(m => m.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(m => m.Value).ToList();
        await Task.WhenAll(making.Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(cancellationToken);
        await storage.DeleteAsync(MediaRenditions.KeysOf(id, format, width), cancellationToken);
    }

    /// <summary>
    /// <see cref="DeleteAllAsync"/> where the row is already gone (or was never saved): a store that fails leaves files no
    /// route serves, which is logged and not the caller's failure.
    /// </summary>
    public async Task ForgetAllAsync(MediaItem item, string why)
    {
        try
        {
            await DeleteAllAsync(item.Id, item.Format, item.Width, CancellationToken.None);
        }
        catch (MediaStorageException exception)
        {
            logger.LogWarning(exception, "The files of media {MediaId} ({Why}) could not be removed from the store", item.Id, why);
        }
    }

    /// <summary>
    /// Makes the files: those no one in this instance is making yet in one piece of work of this call's own, the others
    /// by waiting for the work that is. The work runs to its end even when the request that started it goes away, since
    /// others may be waiting for it.
    /// </summary>
    private async Task<bool> MakeAsync(MediaItem item, IReadOnlyList<MediaFile> files, CancellationToken cancellationToken)
    {
        var work = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = new List<MediaFile>();
        var waits = new List<Task<bool>>();
        foreach (var file in files)
        {
            var making = _making.GetOrAdd(file.KeyOf(item.Id), work.Task);
            if (making == work.Task)
            {
                mine.Add(file);
            }
            else
            {
                waits.Add(making);
            }
        }

        if (mine.Count > 0)
        {
            _ = RenderThenForgetAsync(item, mine, work);
            waits.Add(work.Task);
        }

        var made = await Task.WhenAll(waits).WaitAsync(cancellationToken);
        return made.All(done => done);
    }

    private async Task RenderThenForgetAsync(MediaItem item, IReadOnlyList<MediaFile> files, TaskCompletionSource<bool> work)
    {
        try
        {
            work.SetResult(await RenderAsync(item, files));
        }
        catch (Exception exception)
        {
            work.SetException(exception);
        }
        finally
        {
            foreach (var file in files)
            {
                _making.TryRemove(new KeyValuePair<string, Task<bool>>(file.KeyOf(item.Id), work.Task));
            }
        }
    }

    private async Task<bool> RenderAsync(MediaItem item, IReadOnlyList<MediaFile> files)
    {
        byte[] source;
        await using (var stored = await storage.OpenReadAsync(MediaKeys.Source(item.Id), CancellationToken.None))
        {
            if (stored is null)
            {
                return false;
            }

            source = new byte[stored.Length];
            await stored.Content.ReadExactlyAsync(source, CancellationToken.None);
        }

        IReadOnlyList<byte[]> rendered;
        await _renders.WaitAsync(CancellationToken.None);
        try
        {
            rendered = await Task.Run(() => imaging.Render(source, files));
        }
        finally
        {
            _renders.Release();
        }

        for (var i = 0; i < files.Count; i++)
        {
            await storage.PutAsync(files[i].KeyOf(item.Id), rendered[i], files[i].Format.ContentType(), CancellationToken.None);
        }

        return true;
    }
}
