using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Web.Generation.Discovery;

/// <summary>Reads a ComfyUI server's catalogue and keeps it in <see cref="IServerCatalogs"/>.</summary>
public interface ICatalogReader
{
    /// <summary>True when it was read; false (and the old one kept) when the server did not answer.</summary>
    Task<bool> RefreshAsync(GpuServer server, CancellationToken cancellationToken);
}

public sealed class CatalogReader(IHttpClientFactory http, IServerSecrets secrets, IServerCatalogs catalogs, TimeProvider clock,
    ILogger<CatalogReader> logger) : ICatalogReader
{
    public const string HttpClientName = "comfyui";

    public async Task<bool> RefreshAsync(GpuServer server, CancellationToken cancellationToken)
    {
        if (server.Kind != GpuServerKind.ComfyUi)
        {
            return false;
        }
        var client = new ComfyUiClient(http.CreateClient(HttpClientName), server, secrets.Unprotect(server.ProtectedSecret));
        try
        {
            using var json = await client.GetObjectInfoAsync(cancellationToken);
            var catalog = ObjectInfoCatalog.Parse(json.RootElement.GetRawText());
            catalogs.Set(new ServerCatalog(server.Id, server.Name, server.BaseUrl, catalog, clock.GetUtcNow()));
            logger.LogInformation("Catalogue of GPU server {ServerId} read: {Checkpoints} checkpoints, {Diffusion} diffusion models, {Loras} LoRAs",
                server.Id, catalog.Models(ModelKind.Checkpoint).Count, catalog.Models(ModelKind.DiffusionModel).Count, catalog.Models(ModelKind.Lora).Count);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or FormatException or TaskCanceledException)
        {
            logger.LogWarning("The catalogue of GPU server {ServerId} could not be read: {Reason}", server.Id, e.Message);
            return false;
        }
    }
}
