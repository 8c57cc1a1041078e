using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Discovery;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Generation.Dispatch;

/// <summary>A job given to a server: <see cref="PromptId"/> is the ComfyUI prompt id chosen for it (null for RunPod).</summary>
public sealed record Claimed(int JobId, int ServerId, string? PromptId);

/// <summary>
/// One dispatcher pass over the GPU queue: the waiting jobs, the online unpaused servers with their free places,
/// the work on them and their measured speed; <see cref="ServerPlanner"/> decides, and each decision is claimed with a
/// conditional update (a cancel in between wins).
/// </summary>
public sealed class GpuDispatch(StoryboardDbContext db, IServerCatalogs catalogs, WaitingParameters cache, TimeProvider clock)
{
    public const int WaitingLookedAt = 500;
    private const double DefaultImageSeconds = 10;
    private const double DefaultVideoSeconds = 120;

    public async Task<IReadOnlyList<Claimed>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.GenerationJobs.AsNoTracking()
            .Where(j => !j.IsDraftCard && j.Status == JobStatus.Queued && (j.NotBefore == null || j.NotBefore <= now))
            .OrderByDescending(j => j.Priority).ThenBy(j => j.Id).Take(WaitingLookedAt)
            .Select(j => new { j.Id, j.UserId, j.Priority, j.Kind, j.RequestedServerId, j.ProgressText })
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return [];
        }
        var parameters = await ParametersAsync([.. waiting.Select(w => w.Id)], cancellationToken);
        // A job deleted since the first question is left out.
        waiting = [.. waiting.Where(w => parameters.ContainsKey(w.Id))];
        var servers = await db.GpuServers.AsNoTracking().Where(s => s.Status == GpuServerStatus.Online && !s.IsPaused).ToListAsync(cancellationToken);
        var onServers = await db.GenerationJobs.AsNoTracking()
            .Where(j => !j.IsDraftCard && (j.Status == JobStatus.Dispatched || j.Status == JobStatus.Running))
            .Select(j => new { j.ServerId, j.UserId, j.Kind, j.Status, j.StartedAt })
            .ToListAsync(cancellationToken);
        var workflows = await WorkflowsAsync(parameters.Values.Select(p => p.WorkflowId), cancellationToken);

        var imageDefault = Average(servers.Select(s => s.SecondsPerImage), DefaultImageSeconds);
        var videoDefault = Average(servers.Select(s => s.SecondsPerVideo), DefaultVideoSeconds);
        var plan = servers.Select(server =>
        {
            var (image, video) = (server.SecondsPerImage ?? imageDefault, server.SecondsPerVideo ?? videoDefault);
            var mine = onServers.Where(j => j.ServerId == server.Id).ToList();
            var backlog = mine.Sum(j =>
            {
                var seconds = j.Kind == OutputKind.Video ? video : image;
                return j.Status == JobStatus.Running && j.StartedAt is { } started ? Math.Max(seconds * 0.1, seconds - (now - started).TotalSeconds) : seconds;
            });
            var catalog = server.Kind == GpuServerKind.ComfyUi ? catalogs.Get(server.Id)?.Catalog : null;
            return new PlanServer(server.Id, server.Capacity - mine.Count, backlog, server.Kind == GpuServerKind.RunPod ? server.Capacity : 1, image, video,
                job => CanRun(server, catalog, parameters[job.Id], workflows));
        }).ToList();
        var runningByUser = onServers.GroupBy(j => j.UserId ?? "").ToDictionary(g => g.Key, g => g.Count());
        var decisions = ServerPlanner.Plan(
            [.. waiting.Select(w => new PlanJob(w.Id, w.UserId, w.Priority, w.Kind, w.RequestedServerId))], runningByUser, plan);

        await SayWhyWaitingAsync([.. waiting.Select(w => (w.Id, w.RequestedServerId, parameters[w.Id], w.ProgressText))], plan, cancellationToken);
        var claimed = new List<Claimed>();
        var names = servers.ToDictionary(s => s.Id);
        foreach (var (jobId, serverId) in decisions)
        {
            var server = names[serverId];
            var promptId = server.Kind == GpuServerKind.ComfyUi ? Guid.NewGuid().ToString() : null;
            var text = $"Sent to {server.Name}";
            var won = await db.GenerationJobs.Where(j => j.Id == jobId && j.Status == JobStatus.Queued)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(j => j.Status, JobStatus.Dispatched)
                    .SetProperty(j => j.ServerId, serverId)
                    .SetProperty(j => j.RemoteId, promptId)
                    .SetProperty(j => j.DispatchedAt, now)
                    .SetProperty(j => j.StartedAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.NotBefore, (DateTimeOffset?)null)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.Progress, 0)
                    .SetProperty(j => j.ProgressText, text)
                    .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken) == 1;
            if (won)
            {
                claimed.Add(new Claimed(jobId, serverId, promptId));
            }
        }
        return claimed;
    }

    /// <summary>
    /// A job no online, unpaused server can run says so on itself (the clip panel and the queue page show it), instead
    /// of sitting in the queue without a word.
    /// </summary>
    private async Task SayWhyWaitingAsync(IReadOnlyList<(int Id, int? Requested, GenerationParameters Parameters, string? Shown)> waiting,
        IReadOnlyList<PlanServer> servers, CancellationToken cancellationToken)
    {
        foreach (var (id, requested, parameters, shown) in waiting)
        {
            var job = new PlanJob(id, null, 0, OutputKind.Image, requested);
            if (servers.Any(s => (requested is null || requested == s.Id) && s.CanRun(job)))
            {
                continue;
            }
            var text = requested is not null ? "Waiting: the server asked for is offline or paused."
                : parameters.WorkflowId is not null ? "Waiting: no online server can run this custom workflow."
                : $"Waiting: no online server has {parameters.ModelFile}{(parameters.Loras.Count > 0 ? " and its LoRA" : "")}.";
            if (text != shown)
            {
                await db.GenerationJobs.Where(j => j.Id == id && j.Status == JobStatus.Queued)
                    .ExecuteUpdateAsync(u => u.SetProperty(j => j.ProgressText, text), cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyDictionary<int, GenerationParameters>> ParametersAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, GenerationParameters>();
        var missing = new List<int>();
        foreach (var id in ids)
        {
            if (cache.TryGet(id, out var known))
            {
                result[id] = known;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            var rows = await db.GenerationJobs.AsNoTracking().Where(j => missing.Contains(j.Id)).Select(j => new { j.Id, j.ParametersJson }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                cache.Set(row.Id, result[row.Id] = GenerationParameters.FromJson(row.ParametersJson));
            }
        }
        cache.KeepOnly(result.Keys.ToHashSet());
        return result;
    }

    /// <summary>Whether the server has what the job needs: its model and LoRAs, or a custom workflow that checks out against it.</summary>
    public static bool CanRun(GpuServer server, ObjectInfoCatalog? catalog, GenerationParameters p, IReadOnlyDictionary<int, CustomWorkflow> workflows)
    {
        if (server.Kind == GpuServerKind.RunPod)
        {
            // An endpoint lists nothing: it is trusted to have what its owner installed.
            return true;
        }
        if (catalog is null)
        {
            return false;
        }
        if (p.Loras.Any(l => !catalog.HasModel(ModelKind.Lora, l.Name)))
        {
            return false;
        }
        if (p.WorkflowId is { } workflowId)
        {
            return workflows.TryGetValue(workflowId, out var workflow) && workflow.Validate(catalog).Count == 0;
        }
        if (p.Model is null || p.Model.IndexOf('/') is not (var slash and > 0))
        {
            return false;
        }
        var (folder, file) = (p.Model[..slash], p.Model[(slash + 1)..]);
        var kind = folder == ModelFolders.Folder(ModelKind.Checkpoint) ? ModelKind.Checkpoint : ModelKind.DiffusionModel;
        return catalog.HasModel(kind, file);
    }

    private async Task<IReadOnlyDictionary<int, CustomWorkflow>> WorkflowsAsync(IEnumerable<int?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<int, CustomWorkflow>();
        }
        var rows = await db.CustomWorkflows.AsNoTracking().Where(w => wanted.Contains(w.Id)).Select(w => new { w.Id, w.Json }).ToListAsync(cancellationToken);
        var parsed = new Dictionary<int, CustomWorkflow>();
        foreach (var row in rows)
        {
            try
            {
                parsed[row.Id] = CustomWorkflow.Parse(row.Json);
            }
            catch (CustomWorkflowException)
            {
                // Stored workflows were parsed when uploaded; one that no longer parses runs nowhere.
            }
        }
        return parsed;
    }

    private static double Average(IEnumerable<double?> measured, double fallback)
    {
        var known = measured.OfType<double>().ToList();
        return known.Count > 0 ? known.Average() : fallback;
    }
}
