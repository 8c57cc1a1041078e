using System.Net;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Discovery;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Media;

namespace Storyboard.Web.Generation.Dispatch;

public enum SubmitOutcome
{
    /// <summary>On the server's queue.</summary>
    Sent,
    /// <summary>Refused for good (the graph, the workflow or the server said no): the job failed with the reason.</summary>
    Failed,
    /// <summary>The server did not answer: the job waits for another attempt.</summary>
    Requeued,
    /// <summary>Cancelled or changed meanwhile: nothing was sent, or what was sent was stopped.</summary>
    Gone,
}

/// <summary>
/// Sends one dispatched job to its server: uploads the source image if any, builds the graph for that server's
/// catalogue, records it on the job and queues it — on ComfyUI under the prompt id chosen when the job was claimed
/// (so a stop between sending and recording loses nothing: the id is found again in the server's queue or history),
/// on RunPod under the id RunPod returns.
/// </summary>
public sealed class JobSubmitter(StoryboardDbContext db, IGpuConnections connections, IServerCatalogs catalogs, IMediaStore media, JobStates states,
    ILogger<JobSubmitter> logger)
{
    public async Task<SubmitOutcome> SubmitAsync(int jobId, string clientId, CancellationToken cancellationToken)
    {
        var job = await db.GenerationJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId && j.Status == JobStatus.Dispatched, cancellationToken);
        if (job?.ServerId is not { } serverId)
        {
            return SubmitOutcome.Gone;
        }
        var server = await db.GpuServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serverId, cancellationToken);
        if (server is null)
        {
            return await states.RequeueAsync(jobId, job.RemoteId, "The server was removed.", cancellationToken) ? SubmitOutcome.Requeued : SubmitOutcome.Gone;
        }
        var parameters = GenerationParameters.FromJson(job.ParametersJson);
        try
        {
            var project = await db.Projects.AsNoTracking().Where(p => p.Id == job.ProjectId).Select(p => new { p.Width, p.Height }).SingleAsync(cancellationToken);
            var workflow = await WorkflowJsonAsync(parameters, cancellationToken);
            var image = await SourceImageAsync(parameters, cancellationToken);
            return server.Kind == GpuServerKind.RunPod
                ? await SendToRunPodAsync(job, server, parameters, project.Width, project.Height, workflow, image, cancellationToken)
                : await SendToComfyUiAsync(job, server, parameters, project.Width, project.Height, workflow, image, clientId, cancellationToken);
        }
        catch (GraphRefusedException e)
        {
            return await FailAsync(job, e.Message, cancellationToken);
        }
        catch (ComfyValidationException e)
        {
            return await FailAsync(job, $"{server.Name} refused the graph: {string.Join(" ", e.Messages)}", cancellationToken);
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return await FailAsync(job, $"{server.Name} refused the credentials ({(int)e.StatusCode}): check the server's settings.", cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            await states.ServerUnreachableAsync(server.Id, e.Message, cancellationToken);
            var requeued = await states.RequeueAsync(jobId, job.RemoteId, $"{server.Name} did not take the job: {e.Message}", cancellationToken);
            return requeued ? SubmitOutcome.Requeued : SubmitOutcome.Gone;
        }
    }

    private async Task<SubmitOutcome> SendToComfyUiAsync(GenerationJob job, GpuServer server, GenerationParameters parameters, int width, int height,
        string? workflow, SourceImage? image, string clientId, CancellationToken cancellationToken)
    {
        var client = connections.ComfyUi(server);
        var catalog = catalogs.Get(server.Id)?.Catalog;
        string? uploaded = null;
        if (image is not null)
        {
            await using var stream = new MemoryStream(image.Bytes);
            uploaded = await client.UploadImageAsync(stream, image.Name, cancellationToken);
        }
        var built = GraphFactory.Build(parameters, job.Kind, width, height, catalog, uploaded, workflow);
        var promptId = job.RemoteId ?? throw new InvalidOperationException("A ComfyUI job is claimed with its prompt id.");
        await states.SetGraphAsync(job.Id, built.ToJson(), cancellationToken);
        await client.QueuePromptAsync(built.Graph, clientId, promptId, cancellationToken);
        if (await StillWantedAsync(job.Id, promptId, cancellationToken))
        {
            return SubmitOutcome.Sent;
        }
        await connections.CancelRemoteAsync(server, promptId, CancellationToken.None);
        return SubmitOutcome.Gone;
    }

    private async Task<SubmitOutcome> SendToRunPodAsync(GenerationJob job, GpuServer server, GenerationParameters parameters, int width, int height,
        string? workflow, SourceImage? image, CancellationToken cancellationToken)
    {
        var built = GraphFactory.Build(parameters, job.Kind, width, height, catalog: null, image?.Name, workflow);
        var runPodId = await connections.RunPod(server).RunAsync(built.Graph, image is null ? [] : [(image.Name, image.Bytes)], cancellationToken);
        if (await states.SetRemoteIdAsync(job.Id, runPodId, built.ToJson(), cancellationToken))
        {
            return SubmitOutcome.Sent;
        }
        await connections.CancelRemoteAsync(server, runPodId, CancellationToken.None);
        return SubmitOutcome.Gone;
    }

    private async Task<bool> StillWantedAsync(int jobId, string remoteId, CancellationToken cancellationToken) =>
        await db.GenerationJobs.AnyAsync(j => j.Id == jobId && j.RemoteId == remoteId
            && (j.Status == JobStatus.Dispatched || j.Status == JobStatus.Running), cancellationToken);

    private async Task<SubmitOutcome> FailAsync(GenerationJob job, string error, CancellationToken cancellationToken) =>
        await states.FailAsync(job.Id, null, error, cancellationToken) ? SubmitOutcome.Failed : SubmitOutcome.Gone;

    private async Task<string?> WorkflowJsonAsync(GenerationParameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.WorkflowId is not { } workflowId)
        {
            return null;
        }
        return await db.CustomWorkflows.AsNoTracking().Where(w => w.Id == workflowId).Select(w => w.Json).SingleOrDefaultAsync(cancellationToken)
            ?? throw new GraphRefusedException("The custom workflow was deleted.");
    }

    private sealed record SourceImage(string Name, byte[] Bytes);

    private async Task<SourceImage?> SourceImageAsync(GenerationParameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.SourceImageHash is not { } hash)
        {
            return null;
        }
        var file = await db.MediaFiles.AsNoTracking().SingleOrDefaultAsync(m => m.Hash == hash, cancellationToken);
        var path = file is null ? null : media.FullPath(file.RelativePath);
        if (path is null || !File.Exists(path))
        {
            throw new GraphRefusedException("The source image is no longer stored.");
        }
        logger.LogDebug("Sending source image {Hash} with the job", hash);
        return new SourceImage($"storyboard-{hash[..16]}{Path.GetExtension(path)}", await File.ReadAllBytesAsync(path, cancellationToken));
    }
}
