using System.Globalization;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;

namespace Storyboard.Web.Generation.Dispatch;

public sealed partial class GpuJobTracker
{
    private static readonly TimeSpan ProgressWriteEvery = TimeSpan.FromSeconds(1);
    private static readonly int[] HistoryRetryMilliseconds = [0, 50, 100, 200, 400, 800];

    /// <summary>A websocket message (on the socket's loop: only hands work off).</summary>
    private void OnEvent(int serverId, ComfyEvent message)
    {
        if (!_jobs.TryGetValue(message.PromptId, out var job) || job.ServerId != serverId)
        {
            return;
        }
        switch (message)
        {
            case ComfyStarted:
                _ = Background(() => MarkStartedAsync(job));
                break;
            case ComfyProgress progress:
                _ = Background(() => ReportProgressAsync(job, progress));
                break;
            case ComfyFinished when _servers.TryGetValue(serverId, out var server):
                job.FinishedOnServer ??= clock.GetUtcNow();
                _ = Background(() => FinishComfyUiAsync(server, job, history: null));
                break;
        }
    }

    private async Task Background(Func<Task> work)
    {
        try
        {
            await Task.Run(work, _stopping);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Handling a GPU server's message failed");
        }
    }

    private void PollSoon(int serverId)
    {
        foreach (var job in _jobs.Values.Where(t => t.ServerId == serverId))
        {
            job.LastPolled = DateTimeOffset.MinValue;
        }
    }

    private async Task MarkStartedAsync(Tracked job)
    {
        if (job.Started)
        {
            return;
        }
        job.Started = true;
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<JobStates>().StartedAsync(job.JobId, job.RemoteId, _stopping);
    }

    private async Task ReportProgressAsync(Tracked job, ComfyProgress progress)
    {
        await MarkStartedAsync(job);
        var now = clock.GetUtcNow();
        if (progress.Max <= 0 || now - job.LastProgressWrite < ProgressWriteEvery && progress.Value < progress.Max)
        {
            return;
        }
        job.LastProgressWrite = now;
        var text = string.Create(CultureInfo.InvariantCulture, $"Step {progress.Value}/{progress.Max}");
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<JobStates>()
            .ProgressAsync(job.JobId, job.RemoteId, Math.Clamp(progress.Value / (double)progress.Max, 0, 1), text, _stopping);
    }

    /// <summary>
    /// A ComfyUI job the socket or a poll says is over: its history (read again briefly when the message came before
    /// the server wrote it) says whether it failed, with the node's own error, or which files to fetch.
    /// </summary>
    private async Task FinishComfyUiAsync(GpuServer server, Tracked job, ComfyHistory? history)
    {
        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IGpuConnections>().ComfyUi(server);
        if (history is null)
        {
            foreach (var delay in HistoryRetryMilliseconds)
            {
                await Task.Delay(delay, _stopping);
                if ((history = await client.GetHistoryAsync(job.RemoteId, _stopping)) is not null)
                {
                    break;
                }
            }
            if (history is null)
            {
                PollSoon(server.Id);
                return;
            }
        }
        Func<Task> cleanup = () => client.DeleteHistoryAsync(job.RemoteId, _stopping);
        if (!history.Succeeded)
        {
            await FailAsync(job, history.Error ?? "The server recorded a failure without a message.", cleanup);
            return;
        }
        var files = history.Files.Where(f => f.Type == "output")
            .Select(f => new ResultFile(f.FileName, (stream, token) => client.DownloadAsync(f, stream, token))).ToList();
        await FinishAsync(job, files, cleanup);
    }

    /// <summary>Stores a finished job's files once, however many reports of its end arrive.</summary>
    private async Task FinishAsync(Tracked job, IReadOnlyList<ResultFile> files, Func<Task>? cleanup)
    {
        if (!_finishing.TryAdd(job.JobId, 0))
        {
            return;
        }
        try
        {
            using var scope = scopes.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<ResultStore>().StoreAsync(job.JobId, job.RemoteId, files, job.FinishedOnServer, _stopping);
            }
            catch (InvalidDataException e)
            {
                await scope.ServiceProvider.GetRequiredService<JobStates>().FailAsync(job.JobId, job.RemoteId, e.Message, _stopping);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !_stopping.IsCancellationRequested)
            {
                // The files could not be fetched now: the next poll tries again.
                logger.LogWarning("The results of generation job {JobId} could not be fetched yet: {Reason}", job.JobId, e.Message);
                job.LastPolled = DateTimeOffset.MinValue;
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Anything else would fail the same way at every poll: the job fails with the reason, once.
                logger.LogError(e, "The results of generation job {JobId} could not be stored", job.JobId);
                await scope.ServiceProvider.GetRequiredService<JobStates>().FailAsync(job.JobId, job.RemoteId,
                    $"Storyboard could not keep the result: {e.Message}", _stopping);
            }
            _jobs.TryRemove(job.RemoteId, out _);
            signal.Wake();
            await CleanUpAsync(job, cleanup);
        }
        finally
        {
            _finishing.TryRemove(job.JobId, out _);
        }
    }

    private async Task FailAsync(Tracked job, string error, Func<Task>? cleanup)
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<JobStates>().FailAsync(job.JobId, job.RemoteId, error, _stopping);
        _jobs.TryRemove(job.RemoteId, out _);
        signal.Wake();
        await CleanUpAsync(job, cleanup);
    }

    private async Task RequeueAsync(Tracked job, string reason)
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<JobStates>().RequeueAsync(job.JobId, job.RemoteId, reason, _stopping);
        _jobs.TryRemove(job.RemoteId, out _);
        signal.Wake();
    }

    /// <summary>Forgets the job's history on the server, so its memory stays flat.</summary>
    private async Task CleanUpAsync(Tracked job, Func<Task>? cleanup)
    {
        if (cleanup is null)
        {
            return;
        }
        try
        {
            await cleanup();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogDebug("The history of job {RemoteId} could not be deleted on its server: {Reason}", job.RemoteId, e.Message);
        }
    }
}
