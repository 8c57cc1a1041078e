using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.Dispatch;

/// <summary>
/// The moves of a GPU job on its way through a server, each a single conditional update: it applies only while the job
/// is still on a server under the same remote id, so a cancel, a requeue or a second report of the same event changes
/// nothing twice.
/// </summary>
public sealed class JobStates(StoryboardDbContext db, IOptions<GenerationOptions> options, TimeProvider clock, ILogger<JobStates> logger)
{
    private IQueryable<GenerationJob> OnServer(int jobId, string? remoteId) =>
        db.GenerationJobs.Where(j => j.Id == jobId && (j.Status == JobStatus.Dispatched || j.Status == JobStatus.Running)
            && (remoteId == null || j.RemoteId == remoteId));

    public async Task<bool> SetRemoteIdAsync(int jobId, string remoteId, string graphJson, CancellationToken cancellationToken) =>
        await OnServer(jobId, null).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.RemoteId, remoteId)
            .SetProperty(j => j.GraphJson, graphJson), cancellationToken) == 1;

    public async Task SetGraphAsync(int jobId, string graphJson, CancellationToken cancellationToken) =>
        await OnServer(jobId, null).ExecuteUpdateAsync(u => u.SetProperty(j => j.GraphJson, graphJson), cancellationToken);

    public async Task StartedAsync(int jobId, string remoteId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.GenerationJobs.Where(j => j.Id == jobId && j.Status == JobStatus.Dispatched && j.RemoteId == remoteId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Status, JobStatus.Running)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.ProgressText, "Started")
                .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken);
    }

    public async Task ProgressAsync(int jobId, string remoteId, double progress, string text, CancellationToken cancellationToken) =>
        await db.GenerationJobs.Where(j => j.Id == jobId && j.Status == JobStatus.Running && j.RemoteId == remoteId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Progress, progress)
                .SetProperty(j => j.ProgressText, text), cancellationToken);

    /// <summary>Fails the job at once with the server's own words (a refused graph, an error at a node, RunPod FAILED).</summary>
    public async Task<bool> FailAsync(int jobId, string? remoteId, string error, CancellationToken cancellationToken)
    {
        var failed = await OnServer(jobId, remoteId).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Status, JobStatus.Failed)
            .SetProperty(j => j.Error, Limit(error))
            .SetProperty(j => j.ProgressText, (string?)null)
            .SetProperty(j => j.FinishedAt, clock.GetUtcNow())
            .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken) == 1;
        if (failed)
        {
            logger.LogWarning("Generation job {JobId} failed: {Error}", jobId, error);
        }
        return failed;
    }

    /// <summary>
    /// Sends the job back to the queue after a lost attempt (server offline, restarted, job unknown to it), to wait a
    /// back-off that doubles with each attempt; past <see cref="GenerationOptions.MaxAttempts"/> it fails instead.
    /// </summary>
    public async Task<bool> RequeueAsync(int jobId, string? remoteId, string reason, CancellationToken cancellationToken)
    {
        var job = await OnServer(jobId, remoteId).AsNoTracking().Select(j => new { j.Attempts }).SingleOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return false;
        }
        if (job.Attempts >= options.Value.MaxAttempts)
        {
            return await FailAsync(jobId, remoteId, $"Gave up after {job.Attempts} attempts. Last: {reason}", cancellationToken);
        }
        var wait = TimeSpan.FromSeconds(options.Value.RetrySeconds * Math.Pow(2, Math.Max(0, job.Attempts - 1)));
        var notBefore = clock.GetUtcNow() + wait;
        var requeued = await OnServer(jobId, remoteId).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Status, JobStatus.Queued)
            .SetProperty(j => j.ServerId, (int?)null)
            .SetProperty(j => j.RemoteId, (string?)null)
            .SetProperty(j => j.Progress, 0)
            .SetProperty(j => j.ProgressText, Limit($"Retrying in {wait.TotalSeconds:0} s: {reason}", 200))
            .SetProperty(j => j.NotBefore, notBefore)
            .SetProperty(j => j.StartedAt, (DateTimeOffset?)null)
            .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken) == 1;
        if (requeued)
        {
            logger.LogWarning("Generation job {JobId} queued again (attempt {Attempt} lost): {Reason}", jobId, job.Attempts, reason);
        }
        return requeued;
    }

    /// <summary>
    /// A server that stopped answering is marked offline at once, so no new job goes to it until the health check
    /// sees it answer again.
    /// </summary>
    public async Task ServerUnreachableAsync(int serverId, string error, CancellationToken cancellationToken)
    {
        var changed = await db.GpuServers.Where(s => s.Id == serverId && s.Status != GpuServerStatus.Offline)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, GpuServerStatus.Offline)
                .SetProperty(s => s.LastError, Limit(error, 1000))
                .SetProperty(s => s.LastCheckedAt, clock.GetUtcNow()), cancellationToken);
        if (changed > 0)
        {
            logger.LogWarning("GPU server {ServerId} did not answer and is now Offline: {Error}", serverId, error);
        }
    }

    private static string Limit(string text, int length = 2000) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
