using System.Diagnostics;

namespace Storyboard.Web.Generation.Dispatch;

/// <summary>The dispatcher's running totals since start: how busy planning, claiming and sending jobs has kept it.</summary>
public sealed record DispatchStatsView(long Passes, long JobsSent, double PlanMilliseconds, double SendMilliseconds);

/// <summary>
/// Counts the dispatcher's own work (shown by <c>GET /api/v1/queue</c>, read by the bench): the time spent in each
/// GPU pass (reading the queue and servers, planning, claiming) and in sending each job (building its graph,
/// uploading, POST /prompt). Wall-clock time, so an upper bound of the CPU it used.
/// </summary>
public sealed class DispatchStats
{
    private long _passes, _sent, _planTicks, _sendTicks;

    public void AddPass(long startTimestamp)
    {
        Interlocked.Increment(ref _passes);
        Interlocked.Add(ref _planTicks, Stopwatch.GetTimestamp() - startTimestamp);
    }

    public void AddSend(long startTimestamp)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Add(ref _sendTicks, Stopwatch.GetTimestamp() - startTimestamp);
    }

    public DispatchStatsView Snapshot() => new(Interlocked.Read(ref _passes), Interlocked.Read(ref _sent),
        Interlocked.Read(ref _planTicks) * 1000.0 / Stopwatch.Frequency, Interlocked.Read(ref _sendTicks) * 1000.0 / Stopwatch.Frequency);
}
