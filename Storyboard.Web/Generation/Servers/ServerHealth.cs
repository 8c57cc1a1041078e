using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Generation.Discovery;
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

public sealed class ServerHealth(StoryboardDbContext db, IGpuServerProbe probe, IServerCatalogs catalogs, ICatalogReader catalogReader,
    Queue.IDispatcherSignal dispatcher, IOptions<GenerationOptions> options, TimeProvider clock, ILogger<ServerHealth> logger) : IServerHealth
{
    public async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        var servers = await db.GpuServers.AsNoTracking().ToListAsync(cancellationToken);
        var results = await Task.WhenAll(servers.Select(s => probe.ProbeAsync(s, cancellationToken)));
        for (var i = 0; i < servers.Count; i++)
        {
            await RecordAsync(servers[i], results[i], cancellationToken);
        }
        await Task.WhenAll(servers.Where((s, i) => results[i].Online && CatalogDue(s)).Select(s => catalogReader.RefreshAsync(s, cancellationToken)));
    }

    /// <summary>An online ComfyUI server's catalogue is read when missing, old, or of another address.</summary>
    private bool CatalogDue(GpuServer server) =>
        server.Kind == GpuServerKind.ComfyUi && (catalogs.Get(server.Id) is not { } known || known.BaseUrl != server.BaseUrl
            || clock.GetUtcNow() - known.FetchedAt > TimeSpan.FromMinutes(options.Value.CatalogMinutes));

    public async Task<bool> CheckAsync(int serverId, CancellationToken cancellationToken)
    {
        if (await db.GpuServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serverId, cancellationToken) is not { } server)
        {
            return false;
        }
        var result = await probe.ProbeAsync(server, cancellationToken);
        await RecordAsync(server, result, cancellationToken);
        if (result.Online && server.Kind == GpuServerKind.ComfyUi)
        {
            // "Check now" also reads what the server offers again (a model just copied onto it appears).
            await catalogReader.RefreshAsync(server, cancellationToken);
        }
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
            // Back online: jobs waiting for it (or for its models) may go now.
            dispatcher.Wake();
        }
    }
}
