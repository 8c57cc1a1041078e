using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Dispatch;

namespace Storyboard.Web.Generation.Queue;

/// <summary>
/// Hands waiting jobs to whatever can run them, whenever it is woken (a job queued, finished or cancelled; and the
/// Quartz tick), unless the queue is paused. Draft cards run here, a few at a time; GPU jobs go to servers
/// (<see cref="GpuDispatch"/> decides, <see cref="GpuJobTracker"/> sends and follows them). On start, Draft card jobs a
/// stopped Storyboard left running are queued again, so a crash mid-job loses nothing (GPU jobs are reconciled with
/// their servers by the tracker).
/// </summary>
public sealed class GenerationDispatcher(IServiceScopeFactory scopes, IDispatcherSignal signal, GpuJobTracker tracker, DispatchStats stats,
    IOptions<GenerationOptions> options, TimeProvider clock, ILogger<GenerationDispatcher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<int, Task> _draftCards = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RequeueInterruptedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The generation dispatcher's pass failed; it tries again at the next wake-up");
            }
            await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.DispatchTickSeconds), stoppingToken);
        }
        await Task.WhenAll(_draftCards.Values);
    }

    internal async Task RequeueInterruptedAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var requeued = await db.GenerationJobs.Where(j => j.IsDraftCard && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.Version, j => j.Version + 1), cancellationToken);
        if (requeued > 0)
        {
            logger.LogInformation("{Count} Draft card job(s) interrupted by a stop are queued again", requeued);
        }
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        // Idle most of the time: one small question, and nothing else is loaded or compiled until work arrives.
        if (!await db.GenerationJobs.AnyAsync(j => j.Status == JobStatus.Queued, cancellationToken)
            || await scope.ServiceProvider.GetRequiredService<IQueuePause>().IsPausedAsync(cancellationToken))
        {
            return;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var claimed in await scope.ServiceProvider.GetRequiredService<GpuDispatch>().ClaimAsync(cancellationToken))
        {
            tracker.Submit(claimed.JobId, claimed.ServerId, claimed.PromptId);
        }
        stats.AddPass(started);
        await DraftCardsAsync(db, cancellationToken);
    }

    private async Task DraftCardsAsync(StoryboardDbContext db, CancellationToken cancellationToken)
    {
        var free = options.Value.DraftCardWorkers - _draftCards.Count;
        if (free <= 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var waiting = await db.GenerationJobs.AsNoTracking()
            .Where(j => j.IsDraftCard && j.Status == JobStatus.Queued && (j.NotBefore == null || j.NotBefore <= now))
            .OrderByDescending(j => j.Priority).ThenBy(j => j.Id).Take(200)
            .Select(j => new WaitingJob(j.Id, j.UserId, j.Priority))
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return;
        }
        var running = await db.GenerationJobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Running || j.Status == JobStatus.Dispatched)
            .GroupBy(j => j.UserId ?? "").Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        foreach (var next in QueueOrder.Take(waiting, running, free))
        {
            // Claimed only if still waiting: a cancel or another pass may have got there first.
            var claimed = await db.GenerationJobs.Where(j => j.Id == next.Id && j.Status == JobStatus.Queued)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(j => j.Status, JobStatus.Running)
                    .SetProperty(j => j.StartedAt, now)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken) == 1;
            if (claimed)
            {
                // Recorded before it starts, so that a card finished at once is also removed at once.
                var run = new Task<Task>(() => RunDraftCardAsync(next.Id, cancellationToken));
                _draftCards[next.Id] = run.Unwrap();
                run.Start(TaskScheduler.Default);
            }
        }
    }

    private async Task RunDraftCardAsync(int jobId, CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var worker = scope.ServiceProvider.GetRequiredService<DraftCardWorker>();
            try
            {
                await worker.RunAsync(jobId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Draft card job {JobId} failed", jobId);
                await worker.FinishAsync(jobId, JobStatus.Failed, $"The card could not be drawn: {e.Message}", CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the job stays Running and is queued again at the next start.
        }
        finally
        {
            _draftCards.TryRemove(jobId, out _);
            signal.Wake();
        }
    }
}
