using Microsoft.EntityFrameworkCore;
using Quartz;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Jobs;

namespace Storyboard.Web.Delivery.Animatic;

public interface IRenderQueue
{
    /// <summary>Starts <see cref="RenderAnimaticJob"/> (or lets the running one pick the new render up): renders run one at a time.</summary>
    Task WakeAsync(CancellationToken cancellationToken);
}

public sealed class RenderQueue(ISchedulerFactory schedulers) : IRenderQueue
{
    public async Task WakeAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(RenderAnimaticJob.Key, cancellationToken);
    }
}

/// <summary>
/// On start, a render still marked Running was cut short when Storyboard stopped: it is marked Failed with a clear
/// message (its partial files are gone with the temporary folder). Queued renders are started.
/// </summary>
public sealed class RenderRecovery(IServiceScopeFactory scopes, ILogger<RenderRecovery> logger) : IHostedService
{
    public const string StoppedMessage = "Storyboard stopped during the render; render again.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var stopped = await db.Renders.Where(r => r.Status == RenderStatus.Running)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, RenderStatus.Failed).SetProperty(x => x.Error, StoppedMessage)
                .SetProperty(x => x.FinishedAt, now), cancellationToken);
        if (stopped > 0)
        {
            logger.LogWarning("{Count} renders were running when Storyboard stopped; marked Failed", stopped);
        }
        if (await db.Renders.AnyAsync(r => r.Status == RenderStatus.Queued, cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<IRenderQueue>().WakeAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
