using System.Runtime;

namespace Storyboard.Web.Hosting;

/// <summary>
/// Start-up (migrations, the EF Core model, Data Protection, Quartz) leaves garbage and a grown heap behind that a
/// home server sitting idle never needs again. A few seconds after the app has started, one compacting collection
/// hands that memory back to the system.
/// </summary>
public sealed class StartupMemoryTrim(IHostApplicationLifetime lifetime) : BackgroundService
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        await Task.Delay(Delay, stoppingToken);
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
