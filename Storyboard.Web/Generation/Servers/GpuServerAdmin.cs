using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.Servers;

/// <summary>A server as pages and the API show it: never its secret, only whether one is stored.</summary>
public sealed record GpuServerView(
    int Id, string Name, GpuServerKind Kind, string Address, int Capacity, GpuServerAuth Auth, bool HasSecret, bool IsPaused,
    GpuServerStatus Status, string? GpuName, long? VramTotalBytes, long? VramFreeBytes, int? QueueDepth, string? LastError,
    DateTimeOffset? LastCheckedAt, DateTimeOffset? LastOnlineAt, int Version);

public enum ServerSaveOutcome
{
    Ok,
    Invalid,
    Conflict,
    NotFound,
}

public sealed record ServerSaveResult(ServerSaveOutcome Outcome, int Id, IReadOnlyDictionary<string, string> Errors)
{
    public static ServerSaveResult Ok(int id) => new(ServerSaveOutcome.Ok, id, new Dictionary<string, string>());
    public static ServerSaveResult Invalid(IReadOnlyDictionary<string, string> errors) => new(ServerSaveOutcome.Invalid, 0, errors);
    public static readonly ServerSaveResult NotFound = new(ServerSaveOutcome.NotFound, 0, new Dictionary<string, string>());
    public static readonly ServerSaveResult Conflict = new(ServerSaveOutcome.Conflict, 0, new Dictionary<string, string>
    {
        [""] = "Someone else changed this server since you opened it. Its current settings are shown; make your change again.",
    });
}

/// <summary>Registering, changing, pausing and removing GPU servers (admins only; the pages check the role).</summary>
public interface IGpuServerAdmin
{
    Task<IReadOnlyList<GpuServerView>> ListAsync(CancellationToken cancellationToken);
    Task<GpuServerView?> GetAsync(int id, CancellationToken cancellationToken);
    /// <summary>The form filled with the server's settings (the secret left blank).</summary>
    Task<GpuServerInput?> FormAsync(int id, CancellationToken cancellationToken);
    /// <summary>Creates (no id) or updates a server; the update checks <see cref="GpuServerInput.Version"/>.</summary>
    Task<ServerSaveResult> SaveAsync(int? id, GpuServerInput input, CancellationToken cancellationToken);
    Task<bool> DeleteAsync(int id, CancellationToken cancellationToken);
    Task<bool> SetPausedAsync(int id, bool paused, CancellationToken cancellationToken);
}

public sealed class GpuServerAdmin(StoryboardDbContext db, IServerSecrets secrets, Discovery.IServerCatalogs catalogs, Queue.IDispatcherSignal dispatcher,
    TimeProvider clock, ILogger<GpuServerAdmin> logger)
    : IGpuServerAdmin
{
    public async Task<IReadOnlyList<GpuServerView>> ListAsync(CancellationToken cancellationToken) =>
        (await db.GpuServers.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken)).Select(ToView).ToList();

    public async Task<GpuServerView?> GetAsync(int id, CancellationToken cancellationToken) =>
        await db.GpuServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } server ? ToView(server) : null;

    public async Task<GpuServerInput?> FormAsync(int id, CancellationToken cancellationToken) =>
        await db.GpuServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } s
            ? new GpuServerInput
            {
                Name = s.Name, Kind = s.Kind, BaseUrl = s.BaseUrl, EndpointId = s.EndpointId, Capacity = s.Capacity, Auth = s.Auth,
                AuthHeaderName = s.AuthHeaderName, BasicUser = s.BasicUser, Version = s.Version,
            }
            : null;

    public async Task<ServerSaveResult> SaveAsync(int? id, GpuServerInput input, CancellationToken cancellationToken)
    {
        var server = id is { } existing ? await db.GpuServers.SingleOrDefaultAsync(s => s.Id == existing, cancellationToken) : new GpuServer();
        if (server is null)
        {
            return ServerSaveResult.NotFound;
        }
        if (id is not null && server.Version != input.Version)
        {
            return ServerSaveResult.Conflict;
        }
        var errors = input.Check(server.ProtectedSecret is not null);
        var name = input.Name.Trim();
        if (await db.GpuServers.AnyAsync(s => s.Name == name && s.Id != server.Id, cancellationToken))
        {
            errors[nameof(GpuServerInput.Name)] = $"A server named {name} exists already.";
        }
        if (errors.Count > 0)
        {
            return ServerSaveResult.Invalid(errors);
        }
        Apply(server, input, name);
        var now = clock.GetUtcNow();
        if (id is null)
        {
            server.CreatedAt = now;
            db.GpuServers.Add(server);
        }
        server.UpdatedAt = now;
        server.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ServerSaveResult.Conflict;
        }
        logger.LogInformation("GPU server {ServerId} ({Name}, {Kind}) saved", server.Id, server.Name, server.Kind);
        return ServerSaveResult.Ok(server.Id);
    }

    private void Apply(GpuServer server, GpuServerInput input, string name)
    {
        var addressChanged = server.Kind != input.Kind || server.BaseUrl != (GpuServerInput.NormalizedUrl(input.BaseUrl) ?? "")
            || server.EndpointId != (input.EndpointId?.Trim() ?? "");
        server.Name = name;
        server.Kind = input.Kind;
        server.Capacity = input.Capacity;
        if (input.Kind == GpuServerKind.ComfyUi)
        {
            server.BaseUrl = GpuServerInput.NormalizedUrl(input.BaseUrl)!;
            server.EndpointId = "";
            server.Auth = input.Auth;
            server.AuthHeaderName = input.Auth == GpuServerAuth.Header ? input.AuthHeaderName!.Trim() : null;
            server.BasicUser = input.Auth == GpuServerAuth.Basic ? input.BasicUser!.Trim() : null;
        }
        else
        {
            server.BaseUrl = "";
            server.EndpointId = input.EndpointId!.Trim();
            server.Auth = GpuServerAuth.None;
            server.AuthHeaderName = null;
            server.BasicUser = null;
        }
        if (input.RemoveSecret || (input.Kind == GpuServerKind.ComfyUi && input.Auth == GpuServerAuth.None))
        {
            server.ProtectedSecret = null;
        }
        else if (!string.IsNullOrEmpty(input.Secret))
        {
            server.ProtectedSecret = secrets.Protect(input.Secret);
        }
        if (addressChanged)
        {
            // What was learnt about the old address says nothing about the new one.
            (server.Status, server.GpuName, server.VramTotalBytes, server.VramFreeBytes, server.QueueDepth, server.LastError) =
                (GpuServerStatus.Unknown, null, null, null, null, null);
        }
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var deleted = await db.GpuServers.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
        if (deleted)
        {
            catalogs.Remove(id);
            logger.LogInformation("GPU server {ServerId} removed", id);
        }
        return deleted;
    }

    public async Task<bool> SetPausedAsync(int id, bool paused, CancellationToken cancellationToken)
    {
        var changed = await db.GpuServers.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.IsPaused, paused)
            .SetProperty(s => s.Version, s => s.Version + 1), cancellationToken) > 0;
        // Resumed: waiting jobs may go to it now.
        dispatcher.Wake();
        return changed;
    }

    public static GpuServerView ToView(GpuServer s) => new(
        s.Id, s.Name, s.Kind, s.Kind == GpuServerKind.ComfyUi ? s.BaseUrl : $"RunPod endpoint {s.EndpointId}", s.Capacity, s.Auth,
        s.ProtectedSecret is not null, s.IsPaused, s.Status, s.GpuName, s.VramTotalBytes, s.VramFreeBytes, s.QueueDepth, s.LastError,
        s.LastCheckedAt, s.LastOnlineAt, s.Version);
}
