using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Generation.Queue;

/// <summary>What a batch covers: the picked clips, one scene, or the whole project.</summary>
public enum BatchScope
{
    Picked,
    Scene,
    Project,
}

/// <summary>The clips a batch is asked for: <see cref="SceneId"/> for a scene, <see cref="ClipIds"/> for picked clips.</summary>
public sealed record BatchTarget(BatchScope Scope, int? SceneId = null, IReadOnlyList<int>? ClipIds = null);

/// <summary>One clip a batch covers, in time order.</summary>
public sealed record BatchClip(int Id, string Name, string Timecode);

/// <summary>What a target covers in a live project: its label ("3 picked clips", "Scene Chorus", "Whole project") and its clips.</summary>
public sealed record BatchCoverage(string ProjectName, string Label, IReadOnlyList<BatchClip> Clips);

/// <summary>A clip the queue refused, by name, with its reason.</summary>
public sealed record SkippedClip(int ClipId, string Name, string Reason);

/// <summary>
/// What creating a batch did: the batch (null when nothing was queued), the jobs and clips queued, the clips skipped, or
/// errors of the shared choices keyed by field (then nothing is queued).
/// </summary>
public sealed record BatchCreated(int? BatchId, int JobCount, int ClipCount, IReadOnlyList<SkippedClip> Skipped, IReadOnlyDictionary<string, string> Errors);

/// <summary>The settings a batch was queued with, as the form posted them.</summary>
public sealed record BatchSettings(bool DraftCard, GpuChoicesInput? Gpu)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BatchSettings FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BatchSettings>(json, Json) ?? new(false, null);
        }
        catch (JsonException)
        {
            return new(false, null);
        }
    }

    /// <summary>"Draft cards", or the model (or workflow), preset and any seed and overrides.</summary>
    public string Summary()
    {
        if (DraftCard || Gpu is null)
        {
            return DraftCard ? "Draft cards" : "";
        }
        var parts = new List<string> { Gpu.WorkflowId is { } w ? $"custom workflow {w}" : Gpu.Model ?? "no model", $"{Gpu.Mode} preset".ToLowerInvariant() };
        if (!string.IsNullOrWhiteSpace(Gpu.Seed)) parts.Add($"seed {Gpu.Seed.Trim()}");
        if (Gpu.Count > 1) parts.Add($"{Gpu.Count} each");
        if (Gpu.Steps is { } steps) parts.Add($"{steps} steps");
        if (Gpu.Cfg is { } cfg) parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CFG {cfg}"));
        if (!string.IsNullOrWhiteSpace(Gpu.Lora)) parts.Add($"LoRA {Gpu.Lora}");
        return string.Join(", ", parts);
    }
}

/// <summary>One job of a batch as its page shows it.</summary>
public sealed record BatchJobRow(int Id, JobStatus Status, string Where, double Progress, string? ProgressText, string? Error)
{
    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
    /// <summary>"Running 40% · step 2/5 (Studio)", "Completed (Draft card)".</summary>
    public string Text => $"{Status}{(Status == JobStatus.Running && Progress > 0 ? string.Create(CultureInfo.InvariantCulture, $" {Progress:P0}") : "")}"
        + $"{(ProgressText is null || IsFinished ? "" : $" · {ProgressText}")} ({Where})";
}

/// <summary>One clip of a batch: its jobs and the latest picture the batch made for it (a gallery entry's id).</summary>
public sealed record BatchClipRow(int ClipId, string Name, string Timecode, IReadOnlyList<BatchJobRow> Jobs, int? LatestGenerationId)
{
    /// <summary>The clip's state as one word: the most active of its jobs, else failed if one failed, else done.</summary>
    public JobStatus Status => Order.FirstOrDefault(s => Jobs.Any(j => j.Status == s), JobStatus.Completed);
    public string StatusText => string.Join("; ", Jobs.Select(j => j.Text));
    /// <summary>0 to 1 over its jobs (a finished job counts as done).</summary>
    public double Progress => Jobs.Count == 0 ? 0 : Jobs.Average(j => j.IsFinished ? 1 : j.Progress);
    public string Errors => string.Join(" ", Jobs.Select(j => j.Error).OfType<string>().Distinct());

    private static readonly JobStatus[] Order = [JobStatus.Running, JobStatus.Dispatched, JobStatus.Queued, JobStatus.Failed, JobStatus.Cancelled];
}

/// <summary>A batch with its clips in time order and the count of its jobs per status.</summary>
public sealed record BatchView(
    int Id, int ProjectId, string ProjectName, string Label, string Settings, string? UserName, DateTimeOffset CreatedAt,
    IReadOnlyList<BatchClipRow> Clips, IReadOnlyDictionary<JobStatus, int> Totals)
{
    public int Count(JobStatus status) => Totals.GetValueOrDefault(status);
    public int JobCount => Totals.Values.Sum();
    public bool AnyUnfinished => Count(JobStatus.Queued) + Count(JobStatus.Dispatched) + Count(JobStatus.Running) > 0;
    /// <summary>"3 jobs for 3 clips: 1 completed, 2 running."</summary>
    public string Summary =>
        $"{(JobCount == 1 ? "1 job" : $"{JobCount} jobs")} for {(Clips.Count == 1 ? "1 clip" : $"{Clips.Count} clips")}: "
        + string.Join(", ", Enum.GetValues<JobStatus>().Where(s => Count(s) > 0).Select(s => $"{Count(s)} {s.ToString().ToLowerInvariant()}")) + ".";
}

/// <summary>A batch in the project's list.</summary>
public sealed record BatchRow(int Id, string Label, DateTimeOffset CreatedAt, int Jobs, int Completed, int Failed, int Unfinished);

public sealed record BatchList(string ProjectName, IReadOnlyList<BatchRow> Batches);

public interface IBatches
{
    /// <summary>The clips a target covers (main takes of live scenes; picked clips exactly), or null when the project or scene is unknown.</summary>
    Task<BatchCoverage?> CoverAsync(int projectId, BatchTarget target, CancellationToken cancellationToken);
    /// <summary>
    /// Queues a job (or <see cref="GpuChoicesInput.Count"/>) for each covered clip with the shared choices and the clip's own
    /// prompts; clips the queue refuses are skipped and named. Null when the project or scene is unknown.
    /// </summary>
    Task<BatchCreated?> CreateAsync(int projectId, string? userId, BatchTarget target, bool draftCard, GpuChoicesInput choices, CancellationToken cancellationToken);
    Task<BatchView?> GetAsync(int projectId, int batchId, CancellationToken cancellationToken);
    /// <summary>Every failed job of the batch back to the queue; the number queued again, or null when the batch is unknown.</summary>
    Task<int?> RetryFailedAsync(int projectId, int batchId, string? userId, bool isAdmin, CancellationToken cancellationToken);
    /// <summary>The project's batches, newest first, or null when the project is unknown.</summary>
    Task<BatchList?> ListAsync(int projectId, CancellationToken cancellationToken);
}

public sealed class Batches(StoryboardDbContext db, IGenerationQueue queue, IQueueAdmin queueAdmin, TimeProvider clock, ILogger<Batches> logger) : IBatches
{
    private static readonly JobStatus[] Unfinished = [JobStatus.Queued, JobStatus.Dispatched, JobStatus.Running];

    public async Task<BatchCoverage?> CoverAsync(int projectId, BatchTarget target, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId && p.DeletedAt == null)
            .Select(p => new { p.Name, p.FrameRateNumerator, p.FrameRateDenominator }).SingleOrDefaultAsync(cancellationToken);
        if (project is null)
        {
            return null;
        }
        var rate = new FrameRate(project.FrameRateNumerator, project.FrameRateDenominator);
        var live = db.Scenes.Where(s => s.ProjectId == projectId && s.DeletedAt == null);
        var clips = db.Clips.AsNoTracking().Where(c => c.ProjectId == projectId);
        string label;
        switch (target.Scope)
        {
            case BatchScope.Scene:
                var scene = await live.AsNoTracking().Where(s => s.Id == target.SceneId)
                    .Select(s => new { s.Name, s.TakeNumber }).SingleOrDefaultAsync(cancellationToken);
                if (scene is null)
                {
                    return null;
                }
                label = "Scene " + (scene.TakeNumber == 0 ? scene.Name : $"{scene.Name} A{scene.TakeNumber}");
                clips = clips.Where(c => c.SceneId == target.SceneId && c.IsMain);
                break;
            case BatchScope.Picked:
                // Exactly the picked clips (an alternate too, if picked), as long as the timeline shows them.
                var ids = (target.ClipIds ?? []).Distinct().ToList();
                clips = clips.Where(c => ids.Contains(c.Id) && (c.SceneId == null || live.Any(s => s.Id == c.SceneId)));
                label = "";
                break;
            default:
                // The storyboard as it plays: main-take clips of main-take live scenes, and clips outside any scene.
                clips = clips.Where(c => c.IsMain && (c.SceneId == null || live.Any(s => s.Id == c.SceneId && s.IsMain)));
                label = "Whole project";
                break;
        }
        var rows = await clips.OrderBy(c => c.StartFrame).ThenBy(c => c.TakeNumber)
            .Select(c => new { c.Id, c.Name, c.StartFrame }).ToListAsync(cancellationToken);
        if (target.Scope == BatchScope.Picked)
        {
            label = rows.Count == 1 ? "1 picked clip" : $"{rows.Count} picked clips";
        }
        return new BatchCoverage(project.Name, label, rows.Select(r => new BatchClip(r.Id, r.Name, Timecode.Format(r.StartFrame, rate))).ToList());
    }

    public async Task<BatchCreated?> CreateAsync(int projectId, string? userId, BatchTarget target, bool draftCard, GpuChoicesInput choices,
        CancellationToken cancellationToken)
    {
        if (await CoverAsync(projectId, target, cancellationToken) is not { } coverage)
        {
            return null;
        }
        var (seed, template, errors) = draftCard ? (null, new GenerationParameters(), new Dictionary<string, string>()) : choices.Check();
        if (errors.Count > 0)
        {
            return Refused(errors);
        }
        if (coverage.Clips.Count == 0)
        {
            return Refused(new Dictionary<string, string> { [""] = "There are no clips to generate for here." });
        }
        var batch = new GenerationBatch
        {
            ProjectId = projectId,
            UserId = userId,
            Label = coverage.Label,
            SettingsJson = new BatchSettings(draftCard, draftCard ? null : choices).ToJson(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.GenerationBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        var skipped = new List<SkippedClip>();
        var (jobs, clips) = (0, 0);
        foreach (var clip in coverage.Clips)
        {
            var result = await queue.EnqueueAsync(new EnqueueRequest(projectId, clip.Id, userId, OutputKind.Image, draftCard,
                draftCard ? null : choices.ServerId, draftCard ? 1 : choices.Count, seed, draftCard ? null : template, BatchId: batch.Id), cancellationToken);
            if (result.Succeeded)
            {
                jobs += result.JobIds.Count;
                clips++;
                continue;
            }
            // A refusal of the shared choices (no model, a count too high, an unknown server) is the same for every
            // clip: the form says so beside its field and nothing is queued.
            var shared = result.Errors.Where(e => !IsClipsOwn(e.Key, e.Value)).ToDictionary(e => e.Key, e => e.Value);
            if (shared.Count > 0 && jobs == 0)
            {
                await DeleteAsync(batch, cancellationToken);
                return Refused(shared);
            }
            skipped.Add(new SkippedClip(clip.Id, clip.Name, string.Join(" ", result.Errors.Values)));
        }
        if (jobs == 0)
        {
            await DeleteAsync(batch, cancellationToken);
            return new BatchCreated(null, 0, 0, skipped, new Dictionary<string, string>());
        }
        logger.LogInformation("Batch {BatchId} ({Label}) queued {Jobs} job(s) for {Clips} clip(s), {Skipped} skipped", batch.Id, batch.Label, jobs, clips, skipped.Count);
        return new BatchCreated(batch.Id, jobs, clips, skipped, new Dictionary<string, string>());
    }

    /// <summary>Errors about the clip itself (its prompt, its chosen image), not about the shared choices.</summary>
    private static bool IsClipsOwn(string key, string message) =>
        key is "Prompt" or "SourceImage" or "";

    private static BatchCreated Refused(Dictionary<string, string> errors) => new(null, 0, 0, [], errors);

    private async Task DeleteAsync(GenerationBatch batch, CancellationToken cancellationToken)
    {
        db.GenerationBatches.Remove(batch);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<BatchView?> GetAsync(int projectId, int batchId, CancellationToken cancellationToken)
    {
        var batch = await db.GenerationBatches.AsNoTracking()
            .Where(b => b.Id == batchId && b.ProjectId == projectId && db.Projects.Any(p => p.Id == projectId && p.DeletedAt == null))
            .Select(b => new
            {
                Batch = b,
                Project = db.Projects.Where(p => p.Id == b.ProjectId).Select(p => new { p.Name, p.FrameRateNumerator, p.FrameRateDenominator }).Single(),
                User = db.Users.Where(u => u.Id == b.UserId).Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (batch is null)
        {
            return null;
        }
        var rate = new FrameRate(batch.Project.FrameRateNumerator, batch.Project.FrameRateDenominator);
        var jobs = await db.GenerationJobs.AsNoTracking().Where(j => j.BatchId == batchId && j.ProjectId == projectId)
            .OrderBy(j => j.Id)
            .Select(j => new
            {
                j.Id,
                j.ClipId,
                j.Status,
                j.IsDraftCard,
                j.Progress,
                j.ProgressText,
                j.Error,
                Server = db.GpuServers.Where(s => s.Id == (j.ServerId ?? j.RequestedServerId)).Select(s => s.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var jobIds = jobs.Select(j => j.Id).ToList();
        var latest = await db.ClipGenerations.AsNoTracking()
            .Where(g => g.ProjectId == projectId && g.JobId != null && jobIds.Contains(g.JobId.Value) && g.DeletedAt == null)
            .GroupBy(g => g.ClipId).Select(g => new { ClipId = g.Key, Id = g.Max(x => x.Id) })
            .ToDictionaryAsync(g => g.ClipId, g => g.Id, cancellationToken);
        var clipIds = jobs.Where(j => j.ClipId is not null).Select(j => j.ClipId!.Value).Distinct().ToList();
        var clips = await db.Clips.AsNoTracking().Where(c => clipIds.Contains(c.Id))
            .OrderBy(c => c.StartFrame).ThenBy(c => c.TakeNumber).Select(c => new { c.Id, c.Name, c.StartFrame }).ToListAsync(cancellationToken);
        var rows = clips.Select(c => new BatchClipRow(c.Id, c.Name, Timecode.Format(c.StartFrame, rate),
                jobs.Where(j => j.ClipId == c.Id)
                    .Select(j => new BatchJobRow(j.Id, j.Status, j.IsDraftCard ? "Draft card" : j.Server ?? "any server", j.Progress, j.ProgressText, j.Error))
                    .ToList(),
                latest.TryGetValue(c.Id, out var generationId) ? generationId : null))
            .ToList();
        var totals = jobs.GroupBy(j => j.Status).ToDictionary(g => g.Key, g => g.Count());
        return new BatchView(batch.Batch.Id, projectId, batch.Project.Name, batch.Batch.Label, BatchSettings.FromJson(batch.Batch.SettingsJson).Summary(),
            batch.User, batch.Batch.CreatedAt, rows, totals);
    }

    public async Task<int?> RetryFailedAsync(int projectId, int batchId, string? userId, bool isAdmin, CancellationToken cancellationToken)
    {
        if (!await db.GenerationBatches.AnyAsync(b => b.Id == batchId && b.ProjectId == projectId
                && db.Projects.Any(p => p.Id == projectId && p.DeletedAt == null), cancellationToken))
        {
            return null;
        }
        var failed = await db.GenerationJobs.AsNoTracking()
            .Where(j => j.BatchId == batchId && j.ProjectId == projectId && j.Status == JobStatus.Failed)
            .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(cancellationToken);
        var actor = new QueueActor(userId, isAdmin, CanEdit: true);
        var retried = 0;
        foreach (var jobId in failed)
        {
            // The queue's own retry: an editor may retry their own jobs, an admin anyone's.
            if (await queueAdmin.RetryAsync(jobId, actor, cancellationToken) == QueueOutcome.Done)
            {
                retried++;
            }
        }
        return retried;
    }

    public async Task<BatchList?> ListAsync(int projectId, CancellationToken cancellationToken)
    {
        var name = await db.Projects.AsNoTracking().Where(p => p.Id == projectId && p.DeletedAt == null).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }
        var rows = await db.GenerationBatches.AsNoTracking().Where(b => b.ProjectId == projectId)
            .OrderByDescending(b => b.Id)
            .Select(b => new BatchRow(b.Id, b.Label, b.CreatedAt,
                db.GenerationJobs.Count(j => j.BatchId == b.Id),
                db.GenerationJobs.Count(j => j.BatchId == b.Id && j.Status == JobStatus.Completed),
                db.GenerationJobs.Count(j => j.BatchId == b.Id && j.Status == JobStatus.Failed),
                db.GenerationJobs.Count(j => j.BatchId == b.Id && Unfinished.Contains(j.Status))))
            .ToListAsync(cancellationToken);
        return new BatchList(name, rows);
    }
}
