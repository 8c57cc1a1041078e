using Quartz;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Jobs;

/// <summary>The dispatcher's tick: wakes it even when nothing else did (a back-off ended, a server came back).</summary>
[DisallowConcurrentExecution]
public sealed class DispatchTickJob(IDispatcherSignal signal) : IJob
{
    public static readonly JobKey Key = new("dispatch-tick");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        signal.Wake();
        return ValueTask.CompletedTask;
    }
}
