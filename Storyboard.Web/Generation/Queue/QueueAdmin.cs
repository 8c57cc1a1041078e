using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.Queue;

/// <summary>
/// Who acts on the queue. Admins see and act on every job; other signed-in users see their own jobs and act on them
/// if they may edit; only admins pause the queue or a server.
/// </summary>
public sealed record QueueActor(string? UserId, bool IsAdmin, bool CanEdit)
{
    public bool CanAct => IsAdmin || CanEdit;
}

/// <summary>What the job list shows: a status, a server, a project, text in the prompt or clip name; page 1 first.</summary>
public sealed record QueueFilter(JobStatus? Status = null, int? ServerId = null, int? ProjectId = null, string? Text = null, int Page = 1);

/// <summary>One server's load: jobs on it against its capacity, its speed, and the waiting jobs that asked for it.</summary>
public sealed record ServerLoad(
    int Id, string Name, GpuServerKind Kind, GpuServerStatus Status, bool IsPaused, int Active, int Capacity,
    double? SecondsPerImage, double? SecondsPerVideo, int Waiting);

/// <summary>One job of the queue page's list.</summary>
public sealed record QueueJobRow(
    int Id, int ProjectId, string ProjectName, int? ClipId, string? ClipName, string? UserName, JobStatus Status, OutputKind Kind,
    bool IsDraftCard, string Where, int Priority, int Attempts, double Progress, string? ProgressText, string? Error, string Prompt,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
    public bool CanRetry => Status is JobStatus.Failed or JobStatus.Cancelled;
    public TimeSpan? RunTime => StartedAt is { } started && FinishedAt is { } finished && finished >= started ? finished - started : null;
}

/// <summary>A page of the filtered job list, newest first.</summary>
public sealed record QueueJobPage(IReadOnlyList<QueueJobRow> Rows, int Total, int Page, int PageCount);

/// <summary>A choice of a filter's list (a project or a server).</summary>
public sealed record QueueOption(int Id, string Name);

/// <summary>Everything the queue page shows at once.</summary>
public sealed record QueueOverview(
    bool IsPaused, IReadOnlyDictionary<JobStatus, int> Counts, IReadOnlyList<ServerLoad> Servers, QueueJobPage Jobs,
    IReadOnlyList<QueueOption> Projects, bool AnyUnfinished)
{
    public int Count(JobStatus status) => Counts.GetValueOrDefault(status);
}

public enum QueueOutcome
{
    Done,
    NotFound,
    NotAllowed,
    /// <summary>The job is not in a state the action applies to (deleting a running job, retrying a completed one).</summary>
    WrongState,
}

public interface IQueueAdmin
{
    Task<QueueOverview> OverviewAsync(QueueFilter filter, QueueActor actor, CancellationToken cancellationToken);
    Task<QueueOutcome> CancelAsync(int jobId, QueueActor actor, CancellationToken cancellationToken);
    /// <summary>A failed or cancelled job goes back to the queue as if new.</summary>
    Task<QueueOutcome> RetryAsync(int jobId, QueueActor actor, CancellationToken cancellationToken);
    /// <summary>Removes a finished job; pictures it made stay in their gallery.</summary>
    Task<QueueOutcome> DeleteAsync(int jobId, QueueActor actor, CancellationToken cancellationToken);
    /// <summary>Removes completed and cancelled jobs (and failed ones if asked): every one for an admin, one's own otherwise. Null when not allowed.</summary>
    Task<int?> ClearFinishedAsync(bool includeFailed, QueueActor actor, CancellationToken cancellationToken);
    /// <summary>Changes a waiting job's priority (<see cref="MinPriority"/> to <see cref="MaxPriority"/>).</summary>
    Task<QueueOutcome> SetPriorityAsync(int jobId, int priority, QueueActor actor, CancellationToken cancellationToken);
    Task<QueueOutcome> SetQueuePausedAsync(bool paused, QueueActor actor, CancellationToken cancellationToken);
    Task<QueueOutcome> SetServerPausedAsync(int serverId, bool paused, QueueActor actor, CancellationToken cancellationToken);
}

public sealed class QueueAdmin(
    StoryboardDbContext db, IGenerationQueue queue, IQueuePause pause, IDispatcherSignal dispatcher, TimeProvider clock, ILogger<QueueAdmin> logger)
    : IQueueAdmin
{
    public const int PageSize = 50;
    public const int MinPriority = -10;
    public const int MaxPriority = 10;

    private static readonly JobStatus[] Cleared = [JobStatus.Completed, JobStatus.Cancelled];
    private static readonly JobStatus[] ClearedWithFailed = [JobStatus.Completed, JobStatus.Cancelled, JobStatus.Failed];

    public async Task<QueueOverview> OverviewAsync(QueueFilter filter, QueueActor actor, CancellationToken cancellationToken)
    {
        var counts = await db.GenerationJobs.AsNoTracking()
            .GroupBy(j => j.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var servers = await db.GpuServers.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new ServerLoad(s.Id, s.Name, s.Kind, s.Status, s.IsPaused,
                db.GenerationJobs.Count(j => j.ServerId == s.Id && (j.Status == JobStatus.Dispatched || j.Status == JobStatus.Running)),
                s.Capacity, s.SecondsPerImage, s.SecondsPerVideo,
                db.GenerationJobs.Count(j => j.RequestedServerId == s.Id && j.Status == JobStatus.Queued)))
            .ToListAsync(cancellationToken);
        var visible = Visible(actor);
        var projects = await db.Projects.AsNoTracking()
            .Where(p => visible.Any(j => j.ProjectId == p.Id))
            .OrderBy(p => p.Name).Select(p => new QueueOption(p.Id, p.Name))
            .ToListAsync(cancellationToken);
        var anyUnfinished = counts.GetValueOrDefault(JobStatus.Queued) + counts.GetValueOrDefault(JobStatus.Dispatched)
            + counts.GetValueOrDefault(JobStatus.Running) > 0;
        return new QueueOverview(await pause.IsPausedAsync(cancellationToken), counts, servers,
            await JobsAsync(filter, actor, cancellationToken), projects, anyUnfinished);
    }

    private async Task<QueueJobPage> JobsAsync(QueueFilter filter, QueueActor actor, CancellationToken cancellationToken)
    {
        var jobs = Visible(actor);
        if (filter.Status is { } status)
        {
            jobs = jobs.Where(j => j.Status == status);
        }
        if (filter.ServerId is { } serverId)
        {
            jobs = jobs.Where(j => (j.ServerId ?? j.RequestedServerId) == serverId);
        }
        if (filter.ProjectId is { } projectId)
        {
            jobs = jobs.Where(j => j.ProjectId == projectId);
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            var name = $"%{EscapeLike(text)}%";
            // The prompt lives in the parameters' JSON, where it is written escaped: look for it the same way.
            var json = $"%{EscapeLike(JsonSerializer.Serialize(text)[1..^1])}%";
            jobs = jobs.Where(j => EF.Functions.Like(j.ParametersJson, json, "\\")
                || db.Clips.Any(c => c.Id == j.ClipId && EF.Functions.Like(c.Name, name, "\\")));
        }
        var total = await jobs.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(j => new
            {
                Job = j,
                Project = db.Projects.Where(p => p.Id == j.ProjectId).Select(p => p.Name).FirstOrDefault(),
                Clip = db.Clips.Where(c => c.Id == j.ClipId).Select(c => c.Name).FirstOrDefault(),
                User = db.Users.Where(u => u.Id == j.UserId).Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName).FirstOrDefault(),
                Server = db.GpuServers.Where(s => s.Id == (j.ServerId ?? j.RequestedServerId)).Select(s => s.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return new QueueJobPage(rows.Select(r => new QueueJobRow(
            r.Job.Id, r.Job.ProjectId, r.Project ?? "", r.Job.ClipId, r.Clip, r.User, r.Job.Status, r.Job.Kind, r.Job.IsDraftCard,
            r.Job.IsDraftCard ? "Draft card" : r.Server ?? "any server", r.Job.Priority, r.Job.Attempts, r.Job.Progress, r.Job.ProgressText,
            r.Job.Error, PromptOf(r.Job.ParametersJson), r.Job.CreatedAt, r.Job.StartedAt, r.Job.FinishedAt)).ToList(), total, page, pageCount);
    }

    public async Task<QueueOutcome> CancelAsync(int jobId, QueueActor actor, CancellationToken cancellationToken)
    {
        if (await FindAsync(jobId, actor, cancellationToken) is not { } job)
        {
            return QueueOutcome.NotFound;
        }
        if (!actor.CanAct)
        {
            return QueueOutcome.NotAllowed;
        }
        return await queue.CancelAsync(job.ProjectId, jobId, actor.UserId, actor.IsAdmin, cancellationToken) switch
        {
            CancelOutcome.Cancelled => QueueOutcome.Done,
            CancelOutcome.AlreadyFinished => QueueOutcome.WrongState,
            CancelOutcome.NotAllowed => QueueOutcome.NotAllowed,
            _ => QueueOutcome.NotFound,
        };
    }

    public async Task<QueueOutcome> RetryAsync(int jobId, QueueActor actor, CancellationToken cancellationToken)
    {
        if (await Allowed(jobId, actor, cancellationToken) is { } refused)
        {
            return refused;
        }
        var changed = await db.GenerationJobs
            .Where(j => j.Id == jobId && (j.Status == JobStatus.Failed || j.Status == JobStatus.Cancelled))
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Status, JobStatus.Queued)
                .SetProperty(j => j.Attempts, 0)
                .SetProperty(j => j.Error, (string?)null)
                .SetProperty(j => j.RemoteId, (string?)null)
                .SetProperty(j => j.ServerId, (int?)null)
                .SetProperty(j => j.NotBefore, (DateTimeOffset?)null)
                .SetProperty(j => j.DispatchedAt, (DateTimeOffset?)null)
                .SetProperty(j => j.StartedAt, (DateTimeOffset?)null)
                .SetProperty(j => j.FinishedAt, (DateTimeOffset?)null)
                .SetProperty(j => j.Progress, 0)
                .SetProperty(j => j.ProgressText, (string?)null)
                .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken);
        if (changed == 0)
        {
            return QueueOutcome.WrongState;
        }
        logger.LogInformation("Generation job {JobId} is queued again", jobId);
        dispatcher.Wake();
        return QueueOutcome.Done;
    }

    public async Task<QueueOutcome> DeleteAsync(int jobId, QueueActor actor, CancellationToken cancellationToken)
    {
        if (await Allowed(jobId, actor, cancellationToken) is { } refused)
        {
            return refused;
        }
        var deleted = await db.GenerationJobs.Where(j => j.Id == jobId && ClearedWithFailed.Contains(j.Status)).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? QueueOutcome.WrongState : QueueOutcome.Done;
    }

    public async Task<int?> ClearFinishedAsync(bool includeFailed, QueueActor actor, CancellationToken cancellationToken)
    {
        if (!actor.CanAct)
        {
            return null;
        }
        var statuses = includeFailed ? ClearedWithFailed : Cleared;
        var cleared = await Visible(actor).Where(j => statuses.Contains(j.Status)).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("{Count} finished generation job(s) cleared", cleared);
        return cleared;
    }

    public async Task<QueueOutcome> SetPriorityAsync(int jobId, int priority, QueueActor actor, CancellationToken cancellationToken)
    {
        if (await Allowed(jobId, actor, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (priority is < MinPriority or > MaxPriority)
        {
            return QueueOutcome.WrongState;
        }
        var changed = await db.GenerationJobs.Where(j => j.Id == jobId && j.Status == JobStatus.Queued)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Priority, priority)
                .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken);
        if (changed == 0)
        {
            return QueueOutcome.WrongState;
        }
        dispatcher.Wake();
        return QueueOutcome.Done;
    }

    public async Task<QueueOutcome> SetQueuePausedAsync(bool paused, QueueActor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return QueueOutcome.NotAllowed;
        }
        await pause.SetPausedAsync(paused, cancellationToken);
        logger.LogInformation("The generation queue is {State}", paused ? "paused" : "resumed");
        return QueueOutcome.Done;
    }

    public async Task<QueueOutcome> SetServerPausedAsync(int serverId, bool paused, QueueActor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin)
        {
            return QueueOutcome.NotAllowed;
        }
        var changed = await db.GpuServers.Where(s => s.Id == serverId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.IsPaused, paused)
            .SetProperty(s => s.UpdatedAt, clock.GetUtcNow())
            .SetProperty(s => s.Version, s => s.Version + 1), cancellationToken);
        if (changed == 0)
        {
            return QueueOutcome.NotFound;
        }
        dispatcher.Wake();
        return QueueOutcome.Done;
    }

    /// <summary>The jobs the actor sees in the list: all for an admin, their own for anyone else.</summary>
    private IQueryable<GenerationJob> Visible(QueueActor actor) =>
        actor.IsAdmin ? db.GenerationJobs : db.GenerationJobs.Where(j => j.UserId != null && j.UserId == actor.UserId);

    private Task<GenerationJob?> FindAsync(int jobId, QueueActor actor, CancellationToken cancellationToken) =>
        Visible(actor).AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);

    /// <summary>Null when the actor may act on the job; otherwise why not (another user's job is not found: it is not shown to them).</summary>
    private async Task<QueueOutcome?> Allowed(int jobId, QueueActor actor, CancellationToken cancellationToken)
    {
        if (await FindAsync(jobId, actor, cancellationToken) is null)
        {
            return QueueOutcome.NotFound;
        }
        return actor.CanAct ? null : QueueOutcome.NotAllowed;
    }

    private static string PromptOf(string parametersJson)
    {
        try
        {
            return GenerationParameters.FromJson(parametersJson).Prompt;
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
