using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.Servers;

/// <summary>Checks servers and records what they said: online or offline, GPU, VRAM, queue depth, last error.</summary>
public interface IServerHealth
{
    Task CheckAllAsync(CancellationToken cancellationToken);
    /// <summary>False when there is no such server.</summary>
    Task<bool> CheckAsync(int serverId, CancellationToken cancellationToken);
}

public sealed class ServerHealth(StoryboardDbContext db, IGpuServerProbe probe, TimeProvider clock, ILogger<ServerHealth> logger) : IServerHealth
{
    public async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        var servers = await db.GpuServers.AsNoTracking().ToListAsync(cancellationToken);
        var results = await Task.WhenAll(servers.Select(s => probe.ProbeAsync(s, cancellationToken)));
        for (var i = 0; i < servers.Count; i++)
        {
            await RecordAsync(servers[i], results[i], cancellationToken);
        }
    }

    public async Task<bool> CheckAsync(int serverId, CancellationToken cancellationToken)
    {
        if (await db.GpuServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serverId, cancellationToken) is not { } server)
        {
            return false;
        }
        await RecordAsync(server, await probe.ProbeAsync(server, cancellationToken), cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes only the health columns, and only while the server still has the address that was checked (an edit made
    /// meanwhile wins); the version is left alone so an open form is not made stale by a health check.
    /// </summary>
    private async Task RecordAsync(GpuServer checkedServer, ProbeResult result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var status = result.Online ? GpuServerStatus.Online : GpuServerStatus.Offline;
        var error = result.Error is { Length: > 1000 } tooLong ? tooLong[..1000] : result.Error;
        var row = db.GpuServers
            .Where(s => s.Id == checkedServer.Id && s.BaseUrl == checkedServer.BaseUrl && s.EndpointId == checkedServer.EndpointId);
        // Offline keeps what was last learnt of the GPU; the queue depth is unknown then.
        var rows = result.Online
            ? await row.ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, status)
                .SetProperty(s => s.GpuName, result.GpuName)
                .SetProperty(s => s.VramTotalBytes, result.VramTotalBytes)
                .SetProperty(s => s.VramFreeBytes, result.VramFreeBytes)
                .SetProperty(s => s.QueueDepth, result.QueueDepth)
                .SetProperty(s => s.LastError, (string?)null)
                .SetProperty(s => s.LastCheckedAt, now)
                .SetProperty(s => s.LastOnlineAt, now), cancellationToken)
            : await row.ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, status)
                .SetProperty(s => s.QueueDepth, (int?)null)
                .SetProperty(s => s.LastError, error)
                .SetProperty(s => s.LastCheckedAt, now), cancellationToken);
        if (rows > 0 && checkedServer.Status != status)
        {
            logger.LogInformation("GPU server {ServerId} ({Name}) is now {Status}{Reason}", checkedServer.Id, checkedServer.Name, status,
                error is null ? "" : $": {error}");
        }
    }
}
