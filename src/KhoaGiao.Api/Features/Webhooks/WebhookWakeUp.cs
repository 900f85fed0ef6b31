using System.Threading.Channels;

namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>Tells this instance's dispatcher that deliveries may be due: a change committed here or elsewhere, or a ping.</summary>
public sealed class WebhookWakeUp
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _signal.Writer.TryWrite(true);

    /// <summary>Waits until poked, until <paramref name="timeout"/> has passed, or until the service stops.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _signal.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            // Timed out or stopping; the caller's loop tells which.
        }
    }
}
