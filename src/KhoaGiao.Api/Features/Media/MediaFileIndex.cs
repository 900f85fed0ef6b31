using System.Collections.Concurrent;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// What the file route needs of each photo (format, size, hash), kept in this process so that serving a file costs no
/// database read. A photo's file facts never change; only its deletion matters, and any change the change log reports
/// (from this instance or another) moves <see cref="ContentChanges.Version"/>, after which every entry read before is
/// read again. Unknown ids are not kept, so made-up URLs cannot fill it; at <see cref="MaxEntries"/> it starts afresh.
/// </summary>
public sealed class MediaFileIndex(ContentChanges changes)
{
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<Guid, (MediaItem Item, long Version)> _items = new();

    /// <summary>The photo, from memory when it was read since the last change, else by <paramref name="read"/>.</summary>
    public async Task<MediaItem?> FindAsync(Guid id, Func<Task<MediaItem?>> read)
    {
        var version = changes.Version;
        if (_items.TryGetValue(id, out var known) && known.Version == version)
        {
            return known.Item;
        }

        var item = await read();
        if (item is null)
        {
            _items.TryRemove(id, out _);
            return null;
        }

        if (_items.Count >= MaxEntries)
        {
            _items.Clear();
        }

        // Tagged with the version from before the read: a change that lands during it makes the entry stale at once.
        _items[id] = (item, version);
        return item;
    }
}
