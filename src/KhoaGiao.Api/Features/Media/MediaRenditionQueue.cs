using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// Makes the served files of each photo uploaded to this instance after the upload has answered, half as many photos
/// at once as <see cref="MediaOptions.MaxConcurrentRenders"/> allows decodes (at least one), so that requests keep the
/// other half: on 2 cores, two photos at once made a burst's renditions twice as fast but took uploads from 31 to
/// 4.5 a second (p50 118 ms to 943 ms, deploy/bench/media.sh), and reads would suffer the same.
/// What it has not made when the process stops (a crash, a deploy) is made on the first request for it
/// (<see cref="MediaFiles.OpenAsync"/>), so the queue needs no durable state.
/// </summary>
public sealed class MediaRenditionQueue(MediaFiles files, IOptions<MediaOptions> options, ILogger<MediaRenditionQueue> logger) : BackgroundService
{
    private readonly Channel<MediaItem> _queue = Channel.CreateUnbounded<MediaItem>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(MediaItem item) => _queue.Writer.TryWrite(item);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Parallel.ForEachAsync(
        _queue.Reader.ReadAllAsync(stoppingToken),
        new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, (options.Value.MaxConcurrentRenders is > 0 and var most ? most : Environment.ProcessorCount) / 2),
            CancellationToken = stoppingToken,
        },
        async (item, cancellationToken) =>
        {
            try
            {
                await files.MakeAllAsync(item, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "The files of media {MediaId} were not all made after its upload; each is made when first requested", item.Id);
            }
        });
}
