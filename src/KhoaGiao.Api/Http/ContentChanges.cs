namespace KhoaGiao.Api.Http;

/// <summary>
/// A version number of this process's content, bumped whenever the change log reports a change (from any instance), so in-memory
/// views of content (the beacon's set of published articles) know to reload.
/// </summary>
public sealed class ContentChanges
{
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Changed() => Interlocked.Increment(ref _version);
}
