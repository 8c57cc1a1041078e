using Microsoft.EntityFrameworkCore;
using Quartz;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Jobs;

namespace Storyboard.Web.Songs;

public interface ISongAnalysisQueue
{
    /// <summary>Schedules <see cref="AnalyzeSongJob"/> for the song now; a song already queued is not queued twice.</summary>
    Task EnqueueAsync(int songId, CancellationToken cancellationToken);
}

public sealed class SongAnalysisQueue(ISchedulerFactory schedulers) : ISongAnalysisQueue
{
    public async Task EnqueueAsync(int songId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new JobKey($"analyze-song-{songId}", "songs");
        var job = JobBuilder.Create<AnalyzeSongJob>()
            .WithIdentity(key)
            .UsingJobData(AnalyzeSongJob.SongIdKey, songId)
            .Build();
        var trigger = TriggerBuilder.Create().ForJob(key).StartNow().Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Queued already (an upload and the start-up recovery can meet); one run is enough.
        }
    }
}

/// <summary>
/// On start, songs still marked Analyzing (the app stopped mid-analysis) are queued again, so none stays stuck.
/// Runs as a hosted service after the database is migrated (Program migrates before the host starts).
/// </summary>
public sealed class SongAnalysisRecovery(IServiceScopeFactory scopes, ILogger<SongAnalysisRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<ISongAnalysisQueue>();
        var unfinished = await db.Songs.Where(s => s.Status == SongStatus.Analyzing).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var songId in unfinished)
        {
            await queue.EnqueueAsync(songId, cancellationToken);
        }
        if (unfinished.Count > 0)
        {
            logger.LogInformation("Re-queued the analysis of {Count} songs left unfinished: {SongIds}", unfinished.Count, unfinished);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
