using Microsoft.Extensions.Options;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Discovery;
using Storyboard.Web.Generation.RunPod;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Web.Generation.Dispatch;

/// <summary>Clients for one server, with its secret unprotected only for the call.</summary>
public interface IGpuConnections
{
    ComfyUiClient ComfyUi(GpuServer server);
    RunPodClient RunPod(GpuServer server);
    /// <summary>Copies a result a RunPod worker left at a URL (its S3 upload) into <paramref name="destination"/>.</summary>
    Task DownloadAsync(Uri url, Stream destination, CancellationToken cancellationToken);
    /// <summary>Stops one job on its server (best effort: a server that does not answer is logged, not retried).</summary>
    Task CancelRemoteAsync(GpuServer server, string remoteId, CancellationToken cancellationToken);
}

public sealed class GpuConnections(IHttpClientFactory http, IServerSecrets secrets, IOptions<GenerationOptions> options, ILogger<GpuConnections> logger)
    : IGpuConnections
{
    public ComfyUiClient ComfyUi(GpuServer server) =>
        new(http.CreateClient(CatalogReader.HttpClientName), server, secrets.Unprotect(server.ProtectedSecret));

    public RunPodClient RunPod(GpuServer server) =>
        new(http.CreateClient(CatalogReader.HttpClientName), server, secrets.Unprotect(server.ProtectedSecret), options.Value.RunPodApiUrl);

    public async Task DownloadAsync(Uri url, Stream destination, CancellationToken cancellationToken)
    {
        using var response = await http.CreateClient(CatalogReader.HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    public async Task CancelRemoteAsync(GpuServer server, string remoteId, CancellationToken cancellationToken)
    {
        try
        {
            if (server.Kind == GpuServerKind.RunPod)
            {
                await RunPod(server).CancelAsync(remoteId, cancellationToken);
            }
            else
            {
                await ComfyUi(server).CancelAsync(remoteId, cancellationToken);
            }
            logger.LogInformation("Job {RemoteId} stopped on GPU server {ServerId}", remoteId, server.Id);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Job {RemoteId} could not be stopped on GPU server {ServerId}: {Reason}", remoteId, server.Id, e.Message);
        }
    }
}
