using System.Collections.Concurrent;
using Storyboard.Web.Generation.ComfyUi;

namespace Storyboard.Web.Generation.Discovery;

/// <summary>What one ComfyUI server offers (its <c>/object_info</c>, parsed), and when it was read.</summary>
public sealed record ServerCatalog(int ServerId, string ServerName, string BaseUrl, ObjectInfoCatalog Catalog, DateTimeOffset FetchedAt);

/// <summary>
/// The servers' catalogues, kept in memory: <c>/object_info</c> is several MB on a real server, so it is read when a
/// server is first seen online and again every <see cref="GenerationOptions.CatalogMinutes"/> (or on "Refresh"), not
/// per job. After a restart the first health check reads them again.
/// </summary>
public interface IServerCatalogs
{
    ServerCatalog? Get(int serverId);
    IReadOnlyList<ServerCatalog> All { get; }
    void Set(ServerCatalog catalog);
    void Remove(int serverId);
}

public sealed class ServerCatalogs : IServerCatalogs
{
    private readonly ConcurrentDictionary<int, ServerCatalog> _catalogs = new();

    public ServerCatalog? Get(int serverId) => _catalogs.GetValueOrDefault(serverId);
    public IReadOnlyList<ServerCatalog> All => [.. _catalogs.Values.OrderBy(c => c.ServerName, StringComparer.OrdinalIgnoreCase)];
    public void Set(ServerCatalog catalog) => _catalogs[catalog.ServerId] = catalog;
    public void Remove(int serverId) => _catalogs.TryRemove(serverId, out _);
}
