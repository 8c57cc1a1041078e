using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Dispatch;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.Queue;

/// <summary>
/// What to generate for a clip: a Draft card, or a GPU job on <paramref name="ServerId"/> (null: any server with the
/// model) with the choices in <paramref name="Gpu"/> (model, family, preset, kind, overrides, LoRAs or a custom
/// workflow; its prompt, seed and size are filled from the clip and project). <paramref name="Seed"/> null draws a
/// random one; <paramref name="Count"/> jobs get consecutive seeds. Image to image and image to video start from the
/// clip's chosen image.
/// </summary>
public sealed record EnqueueRequest(
    int ProjectId, int ClipId, string? UserId, OutputKind Kind, bool DraftCard, int? ServerId, int Count, ulong? Seed,
    GenerationParameters? Gpu = null, int Priority = 0, int? BatchId = null);

public sealed record EnqueueResult(IReadOnlyList<int> JobIds, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

public enum CancelOutcome
{
    Cancelled,
    AlreadyFinished,
    NotFound,
    NotAllowed,
}

/// <summary>A job as the clip panel and the queue page show it.</summary>
public sealed record JobView(
    int Id, int? ClipId, JobStatus Status, OutputKind Kind, bool IsDraftCard, string Where, double Progress, string? ProgressText,
    string? Error, ulong Seed, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? UserId);

/// <summary>One gallery entry of a clip.</summary>
public sealed record GenerationView(
    int Id, OutputKind Kind, string MediaHash, int Width, int Height, ulong Seed, string Model, string Source, DateTimeOffset CreatedAt);

public interface IGenerationQueue
{
    Task<EnqueueResult> EnqueueAsync(EnqueueRequest request, CancellationToken cancellationToken);
    /// <summary>A Draft card for each main-take clip of a live scene of the project; the number queued (0 when none), or null when the scene is unknown.</summary>
    Task<int?> EnqueueSceneDraftCardsAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken);
    /// <summary>Cancels a waiting or running job of the project; only its owner or an admin may.</summary>
    Task<CancelOutcome> CancelAsync(int projectId, int jobId, string? userId, bool isAdmin, CancellationToken cancellationToken);
    /// <summary>The clip's latest jobs, newest first.</summary>
    Task<IReadOnlyList<JobView>> ClipJobsAsync(int projectId, int clipId, int count, CancellationToken cancellationToken);
    /// <summary>The clip's gallery, newest first, each picture once.</summary>
    Task<IReadOnlyList<GenerationView>> GalleryAsync(int projectId, int clipId, CancellationToken cancellationToken);
}

public sealed class GenerationQueue(StoryboardDbContext db, IDispatcherSignal dispatcher, IGpuConnections connections, TimeProvider clock,
    ILogger<GenerationQueue> logger)
    : IGenerationQueue
{
    public const int MaxCount = 16;

    public async Task<EnqueueResult> EnqueueAsync(EnqueueRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var clip = await db.Clips.AsNoTracking()
            .Where(c => c.Id == request.ClipId && c.ProjectId == request.ProjectId && db.Projects.Any(p => p.Id == c.ProjectId && p.DeletedAt == null))
            .Select(c => new { c.ImagePrompt, c.VideoPrompt, c.NegativePrompt, c.ChosenImageHash, Project = db.Projects.Single(p => p.Id == c.ProjectId) })
            .SingleOrDefaultAsync(cancellationToken);
        if (clip is null)
        {
            return new EnqueueResult([], new Dictionary<string, string> { [""] = "The clip does not exist in this project." });
        }
        if (request.Count is < 1 or > MaxCount)
        {
            errors["Count"] = $"Ask for 1 to {MaxCount} at a time.";
        }
        var template = request.DraftCard ? new GenerationParameters() : request.Gpu ?? new GenerationParameters();
        var output = request.DraftCard ? OutputKind.Image : await GpuChecks.OutputAsync(db, template, request.Kind, clip.ChosenImageHash, errors, cancellationToken);
        var prompt = output == OutputKind.Video && !string.IsNullOrWhiteSpace(clip.VideoPrompt) ? clip.VideoPrompt : clip.ImagePrompt;
        if (!request.DraftCard)
        {
            if (string.IsNullOrWhiteSpace(prompt))
            {
                errors["Prompt"] = "Write the clip's image prompt first (or make a Draft card, which needs none).";
            }
            if (request.ServerId is { } serverId && !await db.GpuServers.AnyAsync(s => s.Id == serverId, cancellationToken))
            {
                errors["ServerId"] = "That server is not registered.";
            }
        }
        if (errors.Count > 0)
        {
            return new EnqueueResult([], errors);
        }
        var fromImage = template.Kind is GenerationKind.ImageToImage or GenerationKind.ImageToVideo;
        // The family is frozen with the job (a later change on the Models page does not change what was asked).
        var family = request.DraftCard || template.Model is null ? template.Family : await GpuChecks.FamilyAsync(db, template, cancellationToken);
        var seed = request.Seed ?? RandomSeed();
        var now = clock.GetUtcNow();
        var jobs = Enumerable.Range(0, request.Count).Select(i => new GenerationJob
        {
            ProjectId = request.ProjectId,
            ClipId = request.ClipId,
            UserId = request.UserId,
            Kind = output,
            IsDraftCard = request.DraftCard,
            RequestedServerId = request.DraftCard ? null : request.ServerId,
            Status = JobStatus.Queued,
            Priority = request.Priority,
            BatchId = request.BatchId,
            ParametersJson = (template with
            {
                Prompt = prompt,
                NegativePrompt = template.NegativePrompt.Length > 0 ? template.NegativePrompt : clip.NegativePrompt,
                Seed = unchecked(seed + (ulong)i),
                Width = clip.Project.Width,
                Height = clip.Project.Height,
                SourceImageHash = fromImage ? clip.ChosenImageHash : null,
                Family = family,
            }).ToJson(),
            CreatedAt = now,
        }).ToList();
        db.GenerationJobs.AddRange(jobs);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{Count} generation job(s) queued for clip {ClipId} ({Backend})", jobs.Count, request.ClipId,
            request.DraftCard ? "Draft card" : request.ServerId is { } s ? $"server {s}" : "any server");
        dispatcher.Wake();
        return new EnqueueResult(jobs.Select(j => j.Id).ToList(), new Dictionary<string, string>());
    }

    public async Task<int?> EnqueueSceneDraftCardsAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken)
    {
        if (!await db.Scenes.AnyAsync(s => s.Id == sceneId && s.ProjectId == projectId && s.DeletedAt == null
                && db.Projects.Any(p => p.Id == projectId && p.DeletedAt == null), cancellationToken))
        {
            return null;
        }
        var clipIds = await db.Clips.AsNoTracking().Where(c => c.ProjectId == projectId && c.SceneId == sceneId && c.IsMain)
            .OrderBy(c => c.StartFrame).Select(c => c.Id).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var clipId in clipIds)
        {
            var result = await EnqueueAsync(new EnqueueRequest(projectId, clipId, userId, OutputKind.Image, DraftCard: true, ServerId: null, Count: 1, Seed: null), cancellationToken);
            queued += result.JobIds.Count;
        }
        return queued;
    }

    public async Task<CancelOutcome> CancelAsync(int projectId, int jobId, string? userId, bool isAdmin, CancellationToken cancellationToken)
    {
        var job = await db.GenerationJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId && j.ProjectId == projectId, cancellationToken);
        if (job is null)
        {
            return CancelOutcome.NotFound;
        }
        if (!isAdmin && job.UserId != userId)
        {
            return CancelOutcome.NotAllowed;
        }
        // Only an unfinished job changes; the dispatcher stops a running one on its server.
        var changed = await db.GenerationJobs
            .Where(j => j.Id == jobId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Dispatched || j.Status == JobStatus.Running))
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Status, JobStatus.Cancelled)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow())
                .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken);
        if (changed == 0)
        {
            return CancelOutcome.AlreadyFinished;
        }
        // On a server: stopped there too (ComfyUI: removed from its queue, or interrupted if it is the one running).
        if (job is { ServerId: { } serverId, RemoteId: { } remoteId, Status: JobStatus.Dispatched or JobStatus.Running }
            && await db.GpuServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serverId, cancellationToken) is { } server)
        {
            await connections.CancelRemoteAsync(server, remoteId, cancellationToken);
        }
        dispatcher.Wake();
        return CancelOutcome.Cancelled;
    }

    public async Task<IReadOnlyList<JobView>> ClipJobsAsync(int projectId, int clipId, int count, CancellationToken cancellationToken)
    {
        var rows = await db.GenerationJobs.AsNoTracking()
            .Where(j => j.ProjectId == projectId && j.ClipId == clipId)
            .OrderByDescending(j => j.Id).Take(count)
            .Select(j => new { Job = j, Server = db.GpuServers.Where(s => s.Id == (j.ServerId ?? j.RequestedServerId)).Select(s => s.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => ToView(r.Job, r.Server)).ToList();
    }

    public async Task<IReadOnlyList<GenerationView>> GalleryAsync(int projectId, int clipId, CancellationToken cancellationToken) =>
        (await db.ClipGenerations.AsNoTracking()
            .Where(g => g.ProjectId == projectId && g.ClipId == clipId && g.DeletedAt == null)
            .OrderByDescending(g => g.Id)
            .Select(g => new GenerationView(g.Id, g.Kind, g.MediaHash, g.Width, g.Height, g.Seed, g.Model, g.Source, g.CreatedAt))
            .ToListAsync(cancellationToken))
        // The same picture made twice (a Draft card of an unchanged clip) is shown once, as its latest.
        .DistinctBy(g => g.MediaHash).ToList();

    internal static JobView ToView(GenerationJob job, string? serverName) => new(
        job.Id, job.ClipId, job.Status, job.Kind, job.IsDraftCard,
        job.IsDraftCard ? "Draft card" : serverName ?? "any server", job.Progress, job.ProgressText, job.Error,
        GenerationParameters.FromJson(job.ParametersJson).Seed, job.CreatedAt, job.FinishedAt, job.UserId);

    private static ulong RandomSeed()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
