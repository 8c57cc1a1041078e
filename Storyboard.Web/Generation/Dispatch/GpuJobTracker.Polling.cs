using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.RunPod;

namespace Storyboard.Web.Generation.Dispatch;

public sealed partial class GpuJobTracker
{
    private static readonly TimeSpan SocketIdleClose = TimeSpan.FromSeconds(60);

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var onServers = await db.GenerationJobs.AsNoTracking()
            .Where(j => !j.IsDraftCard && (j.Status == JobStatus.Dispatched || j.Status == JobStatus.Running) && j.ServerId != null && j.RemoteId != null)
            .Select(j => new { j.Id, ServerId = j.ServerId!.Value, RemoteId = j.RemoteId!, j.Status })
            .ToListAsync(cancellationToken);
        if (onServers.Count == 0 && _jobs.IsEmpty && _sockets.IsEmpty && _abandoned.IsEmpty)
        {
            return;
        }
        var servers = await db.GpuServers.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var server in servers.Values)
        {
            _servers[server.Id] = server;
        }
        // New ones (and every one at start: their first poll reconciles them) are polled now.
        foreach (var row in onServers.Where(r => !_jobs.ContainsKey(r.RemoteId)))
        {
            _jobs[row.RemoteId] = new Tracked(row.Id, row.ServerId, row.RemoteId) { Started = row.Status == JobStatus.Running };
        }
        var current = onServers.Select(r => r.RemoteId).ToHashSet();
        foreach (var gone in _jobs.Where(e => !current.Contains(e.Key) && !_submitting.ContainsKey(e.Value.JobId) && !_finishing.ContainsKey(e.Value.JobId)))
        {
            _jobs.TryRemove(gone.Key, out _);
        }
        await KeepSocketsAsync(servers, now);
        await StopAbandonedAsync(servers);

        var polls = new List<Task>();
        foreach (var group in _jobs.Values.GroupBy(t => t.ServerId))
        {
            if (!servers.TryGetValue(group.Key, out var server))
            {
                foreach (var job in group)
                {
                    await RequeueAsync(job, "The server was removed.");
                }
                continue;
            }
            var cadence = Cadence(server, now);
            var due = group.Where(t => !_submitting.ContainsKey(t.JobId) && !_finishing.ContainsKey(t.JobId) && now - t.LastPolled >= cadence).ToList();
            if (due.Count > 0)
            {
                due.ForEach(t => t.LastPolled = now);
                polls.Add(server.Kind == GpuServerKind.RunPod ? PollRunPodAsync(server, due, cancellationToken) : PollComfyUiAsync(server, due, cancellationToken));
            }
        }
        await Task.WhenAll(polls);
    }

    /// <summary>How often a server's jobs are polled: often when nothing else reports on them, rarely when the socket does.</summary>
    private TimeSpan Cadence(GpuServer server, DateTimeOffset now)
    {
        var often = TimeSpan.FromSeconds(options.Value.PollSeconds);
        if (server.Kind == GpuServerKind.RunPod || !_sockets.TryGetValue(server.Id, out var socket) || !socket.IsConnected)
        {
            return often;
        }
        var silent = socket.LastMessageAt is not { } last || now - last > TimeSpan.FromSeconds(options.Value.SilentSeconds);
        return silent ? often : TimeSpan.FromSeconds(options.Value.SafetyPollSeconds);
    }

    private async Task PollComfyUiAsync(GpuServer server, IReadOnlyList<Tracked> due, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IGpuConnections>().ComfyUi(server);
        ComfyQueue? queue = null;
        try
        {
            foreach (var job in due)
            {
                if (await client.GetHistoryAsync(job.RemoteId, cancellationToken) is { } history)
                {
                    await FinishComfyUiAsync(server, job, history);
                    continue;
                }
                queue ??= await client.GetQueueAsync(cancellationToken);
                if (queue.Running.Contains(job.RemoteId))
                {
                    await MarkStartedAsync(job);
                    continue;
                }
                if (queue.Pending.Contains(job.RemoteId))
                {
                    continue;
                }
                // It may have finished between the two questions.
                if (await client.GetHistoryAsync(job.RemoteId, cancellationToken) is { } late)
                {
                    await FinishComfyUiAsync(server, job, late);
                    continue;
                }
                await RequeueAsync(job, $"{server.Name} no longer knows the job (was it restarted?).");
            }
            _unreachableSince.TryRemove(server.Id, out _);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            await UnreachableAsync(server, e.Message);
        }
    }

    private async Task PollRunPodAsync(GpuServer server, IReadOnlyList<Tracked> due, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var connections = scope.ServiceProvider.GetRequiredService<IGpuConnections>();
        var client = connections.RunPod(server);
        try
        {
            foreach (var job in due)
            {
                var status = await client.StatusAsync(job.RemoteId, cancellationToken);
                switch (status.State)
                {
                    case RunPodState.InProgress:
                        await MarkStartedAsync(job);
                        break;
                    case RunPodState.Completed:
                        var files = status.Files.Select(f => new ResultFile(f.FileName, f.Data is { } data
                            ? (stream, token) => stream.WriteAsync(data, token).AsTask()
                            : (stream, token) => connections.DownloadAsync(f.Url!, stream, token))).ToList();
                        await FinishAsync(job, files, cleanup: null);
                        break;
                    case RunPodState.Failed or RunPodState.TimedOut or RunPodState.Cancelled:
                        await FailAsync(job, status.Error ?? status.State switch
                        {
                            RunPodState.TimedOut => "RunPod stopped the job: it ran past the endpoint's time limit.",
                            RunPodState.Cancelled => "The job was cancelled on RunPod.",
                            _ => "The RunPod worker failed without a message.",
                        }, cleanup: null);
                        break;
                    case RunPodState.Lost:
                        await RequeueAsync(job, status.Error ?? "RunPod no longer knows the job.");
                        break;
                }
            }
            _unreachableSince.TryRemove(server.Id, out _);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            await UnreachableAsync(server, e.Message);
        }
    }

    /// <summary>
    /// A server that does not answer: after <see cref="GenerationOptions.OfflineRequeueSeconds"/> its jobs go back to
    /// the queue for another server, and are stopped on it once it answers again.
    /// </summary>
    private async Task UnreachableAsync(GpuServer server, string reason)
    {
        var now = clock.GetUtcNow();
        var since = _unreachableSince.GetOrAdd(server.Id, now);
        logger.LogDebug("GPU server {ServerId} did not answer a poll: {Reason}", server.Id, reason);
        if (now - since < TimeSpan.FromSeconds(options.Value.OfflineRequeueSeconds))
        {
            return;
        }
        using (var scope = scopes.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<JobStates>().ServerUnreachableAsync(server.Id, reason, _stopping);
        }
        foreach (var job in _jobs.Values.Where(t => t.ServerId == server.Id && !_submitting.ContainsKey(t.JobId)).ToList())
        {
            _abandoned.GetOrAdd(server.Id, _ => []).Add(job.RemoteId);
            await RequeueAsync(job, $"{server.Name} has not answered for {(now - since).TotalSeconds:0} s.");
        }
    }

    private async Task StopAbandonedAsync(IReadOnlyDictionary<int, GpuServer> servers)
    {
        foreach (var (serverId, remoteIds) in _abandoned)
        {
            if (!servers.TryGetValue(serverId, out var server))
            {
                _abandoned.TryRemove(serverId, out _);
                continue;
            }
            // Answering again: the health check has seen it online since our polls failed.
            var backSince = _unreachableSince.TryGetValue(serverId, out var since) ? server.LastOnlineAt > since : true;
            if (server.Status != GpuServerStatus.Online || !backSince)
            {
                continue;
            }
            _unreachableSince.TryRemove(serverId, out _);
            _abandoned.TryRemove(serverId, out _);
            using var scope = scopes.CreateScope();
            var connections = scope.ServiceProvider.GetRequiredService<IGpuConnections>();
            foreach (var remoteId in remoteIds)
            {
                logger.LogWarning("GPU server {ServerId} answers again: job {RemoteId}, given to another server meanwhile, is stopped there", serverId, remoteId);
                await connections.CancelRemoteAsync(server, remoteId, _stopping);
            }
        }
    }

    private async Task KeepSocketsAsync(IReadOnlyDictionary<int, GpuServer> servers, DateTimeOffset now)
    {
        foreach (var (serverId, socket) in _sockets)
        {
            var busy = _jobs.Values.Any(t => t.ServerId == serverId);
            var moved = !servers.TryGetValue(serverId, out var server) || _socketUrls.GetValueOrDefault(serverId) != server.BaseUrl;
            if (busy)
            {
                _socketIdleSince.TryRemove(serverId, out _);
            }
            var idle = !busy && now - _socketIdleSince.GetOrAdd(serverId, now) >= SocketIdleClose;
            if (moved || idle)
            {
                _sockets.TryRemove(serverId, out _);
                _socketIdleSince.TryRemove(serverId, out _);
                await socket.DisposeAsync();
            }
        }
        var clientId = await _clientId.Task;
        foreach (var serverId in _jobs.Values.Select(t => t.ServerId).Distinct())
        {
            if (_sockets.ContainsKey(serverId) || !servers.TryGetValue(serverId, out var server) || server.Kind != GpuServerKind.ComfyUi)
            {
                continue;
            }
            var socket = new ComfyUiSocket(server, secrets.Unprotect(server.ProtectedSecret), clientId, logger);
            socket.Event += e => OnEvent(serverId, e);
            socket.Reconnected += () => PollSoon(serverId);
            _sockets[serverId] = socket;
            _socketUrls[serverId] = server.BaseUrl;
            socket.Start();
        }
    }
}
