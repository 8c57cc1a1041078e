using System.Threading.Channels;

namespace Storyboard.Web.Generation.Queue;

/// <summary>Wakes the dispatcher at once (a job queued, finished or cancelled) instead of at its next tick.</summary>
public interface IDispatcherSignal
{
    void Wake();
    /// <summary>Returns when woken, or after <paramref name="timeout"/>.</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}

public sealed class DispatcherSignal : IDispatcherSignal
{
    // One pending wake-up is enough: many wakes before the dispatcher looks are one pass.
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakes.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _wakes.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The tick: look anyway.
        }
    }
}
