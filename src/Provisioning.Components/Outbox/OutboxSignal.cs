using System.Threading.Channels;

namespace Provisioning.Components.Outbox;

/// <summary>Wakes the relay after a commit that wrote outbox rows; wakes that arrive while it is busy collapse into one.</summary>
public sealed class OutboxSignal
{
    readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>
    /// Returns when woken or after <paramref name="timeout"/>, whichever comes first. Of several waiters, one wake
    /// returns one: the others keep waiting, so a wake starts one relay pass, not all of them.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, wait.Token);
        while (!_wakes.Reader.TryRead(out _) && !cancellationToken.IsCancellationRequested)
        {
            var woken = _wakes.Reader.WaitToReadAsync(wait.Token).AsTask();
            if (await Task.WhenAny(delay, woken) == delay)
            {
                break;
            }
        }

        await wait.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
