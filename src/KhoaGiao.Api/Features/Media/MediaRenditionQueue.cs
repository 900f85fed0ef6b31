using System.Threading.Channels;

namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// Makes the served files of each photo uploaded to this instance, one photo at a time, after the upload has answered.
/// What it has not made when the process stops (a crash, a deploy) is made on the first request for it
/// (<see cref="MediaFiles.OpenAsync"/>), so the queue needs no durable state.
/// </summary>
public sealed class MediaRenditionQueue(MediaFiles files, ILogger<MediaRenditionQueue> logger) : BackgroundService
{
    private readonly Channel<MediaItem> _queue = Channel.CreateUnbounded<MediaItem>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(MediaItem item) => _queue.Writer.TryWrite(item);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await files.MakeAllAsync(item, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "The files of media {MediaId} were not all made after its upload; each is made when first requested", item.Id);
            }
        }
    }
}
