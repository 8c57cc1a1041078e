using Quartz;
using Storyboard.Web.Delivery.Animatic;

namespace Storyboard.Web.Jobs;

/// <summary>Renders the queued animatics, one at a time (a second trigger waits for the first and finds the queue empty).</summary>
[DisallowConcurrentExecution]
public sealed class RenderAnimaticJob(RenderRunner runner, ILogger<RenderAnimaticJob> logger) : IJob
{
    public static readonly JobKey Key = new("render-animatic", "renders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var count = await runner.RunQueuedAsync(cancellationToken);
        context.Result = count;
        if (count > 0)
        {
            logger.LogInformation("Rendered {Count} queued animatics", count);
        }
    }
}
