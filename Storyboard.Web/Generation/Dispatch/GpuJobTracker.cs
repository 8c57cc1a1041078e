using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Web.Generation.Dispatch;

/// <summary>
/// Follows every GPU job from the moment the dispatcher gives it to a server until its results are stored:
/// <list type="bullet">
/// <item>sends it (<see cref="JobSubmitter"/>) in the background, so the dispatcher never waits on a server;</item>
/// <item>listens to one ComfyUI websocket per server with jobs on it (one client id per Storyboard instance, kept in the
/// database so a restart hears the same prompts) and matches messages to jobs by prompt id: started, progress,
/// finished — a finished job's results are fetched at once;</item>
/// <item>polls <c>/history</c> and <c>/queue</c> (RunPod <c>/status</c>) when there is no socket, when it dropped or went
/// silent, and now and then regardless; a job the server no longer knows is queued again; a server unreachable for
/// <see cref="GenerationOptions.OfflineRequeueSeconds"/> has its jobs queued again elsewhere (and stopped there when it
/// answers again, so nothing runs twice unnoticed);</item>
/// <item>on start, reconciles every job a stopped Storyboard left on a server the same way (its first poll).</item>
/// </list>
/// </summary>
public sealed partial class GpuJobTracker(IServiceScopeFactory scopes, IDispatcherSignal signal, IServerSecrets secrets, DispatchStats stats,
    IOptions<GenerationOptions> options, TimeProvider clock, ILogger<GpuJobTracker> logger) : BackgroundService
{
    public const string ClientIdKey = "comfyui.client-id";

    private sealed class Tracked(int jobId, int serverId, string remoteId)
    {
        public int JobId { get; } = jobId;
        public int ServerId { get; } = serverId;
        public string RemoteId { get; } = remoteId;
        public DateTimeOffset LastPolled { get; set; } = DateTimeOffset.MinValue;
        public DateTimeOffset LastProgressWrite { get; set; } = DateTimeOffset.MinValue;
        public bool Started { get; set; }
        /// <summary>When the socket said it finished on the server (before its results were fetched).</summary>
        public DateTimeOffset? FinishedOnServer { get; set; }
    }

    private readonly TaskCompletionSource<string> _clientId = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, Tracked> _jobs = new();
    private readonly ConcurrentDictionary<int, Task> _submitting = new();
    private readonly ConcurrentDictionary<int, byte> _finishing = new();
    private readonly ConcurrentDictionary<int, ComfyUiSocket> _sockets = new();
    private readonly ConcurrentDictionary<int, DateTimeOffset> _unreachableSince = new();
    private readonly ConcurrentDictionary<int, ConcurrentBag<string>> _abandoned = new();
    private readonly ConcurrentDictionary<int, DateTimeOffset> _socketIdleSince = new();
    private readonly ConcurrentDictionary<int, string> _socketUrls = new();
    private readonly ConcurrentDictionary<int, GpuServer> _servers = new();
    private readonly SemaphoreSlim _work = new(0);
    private static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(60);
    private CancellationToken _stopping;

    private bool IsIdle => _jobs.IsEmpty && _submitting.IsEmpty && _sockets.IsEmpty && _abandoned.IsEmpty;

    /// <summary>Jobs being sent right now (counted as on their server by the dispatcher already).</summary>
    public int Submitting => _submitting.Count;

    /// <summary>Sends a job the dispatcher claimed for a server. Returns at once.</summary>
    public void Submit(int jobId, int serverId, string? promptId)
    {
        if (promptId is not null)
        {
            // Known before it is sent: the socket's first message for it may come before the POST answers.
            _jobs[promptId] = new Tracked(jobId, serverId, promptId) { LastPolled = clock.GetUtcNow() };
        }
        var run = new Task<Task>(() => SubmitAsync(jobId));
        _submitting[jobId] = run.Unwrap();
        run.Start(TaskScheduler.Default);
        if (_work.CurrentCount == 0)
        {
            _work.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _clientId.TrySetResult(await LoadClientIdAsync(stoppingToken));
        var period = TimeSpan.FromSeconds(Math.Min(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The GPU job tracker's pass failed; it tries again shortly");
            }
            try
            {
                if (IsIdle)
                {
                    // Nothing on any server: sleep until a job is sent (or a long while, in case one was left some other way).
                    await _work.WaitAsync(IdleRecheck, stoppingToken);
                }
                else
                {
                    await Task.Delay(period, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(_submitting.Values);
        foreach (var socket in _sockets.Values)
        {
            await socket.DisposeAsync();
        }
    }

    private async Task<string> LoadClientIdAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        if (await db.Settings.AsNoTracking().Where(s => s.Key == ClientIdKey).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken) is { } id)
        {
            return id;
        }
        id = $"storyboard-{Guid.NewGuid():N}";
        db.Settings.Add(new Setting { Key = ClientIdKey, Value = id });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    private async Task SubmitAsync(int jobId)
    {
        try
        {
            var clientId = await _clientId.Task.WaitAsync(_stopping);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var scope = scopes.CreateScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<JobSubmitter>().SubmitAsync(jobId, clientId, _stopping);
            stats.AddSend(started);
            if (outcome != SubmitOutcome.Sent)
            {
                Forget(jobId);
                signal.Wake();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: the job stays dispatched and is reconciled at the next start.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Generation job {JobId} could not be sent", jobId);
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<JobStates>().FailAsync(jobId, null, $"It could not be sent: {e.Message}", CancellationToken.None);
            Forget(jobId);
            signal.Wake();
        }
        finally
        {
            _submitting.TryRemove(jobId, out _);
        }
    }

    private void Forget(int jobId)
    {
        foreach (var entry in _jobs.Where(e => e.Value.JobId == jobId))
        {
            _jobs.TryRemove(entry.Key, out _);
        }
    }
}
