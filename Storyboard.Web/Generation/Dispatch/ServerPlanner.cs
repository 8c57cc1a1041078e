using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Generation.Dispatch;

/// <summary>A waiting GPU job as the planner sees it.</summary>
public sealed record PlanJob(int Id, string? UserId, int Priority, OutputKind Kind, int? RequestedServerId);

/// <summary>
/// A server that can take work now: its free places (capacity minus jobs on it), the seconds of work already on it,
/// how many jobs it runs at once (1 for ComfyUI, the workers of a RunPod endpoint), its speed per kind, and which jobs
/// it can run (it has the model, the custom workflow checks out).
/// </summary>
public sealed record PlanServer(int Id, int FreeSlots, double BacklogSeconds, int Parallel, double SecondsPerImage, double SecondsPerVideo, Func<PlanJob, bool> CanRun)
{
    public double Seconds(OutputKind kind) => kind == OutputKind.Video ? SecondsPerVideo : SecondsPerImage;
}

/// <summary>
/// Which waiting job goes to which server now. Jobs are taken in queue order (priority, then fairness between users,
/// then age: <see cref="QueueOrder"/>), and each goes to the server that would finish it soonest, counting the work
/// already on each server and the jobs planned before it (earliest completion time). A job whose soonest server is full
/// waits for it rather than going to a slower server with room, so the last jobs of a batch land on fast servers and
/// the batch ends as early as the servers allow; while many jobs wait, every server's places are filled, so none idles.
/// Pure, so the dispatcher and the tests share it.
/// </summary>
public static class ServerPlanner
{
    public static IReadOnlyList<(int JobId, int ServerId)> Plan(IReadOnlyList<PlanJob> waiting, IReadOnlyDictionary<string, int> runningByUser,
        IReadOnlyList<PlanServer> servers)
    {
        var assignments = new List<(int, int)>();
        if (servers.Count == 0 || waiting.Count == 0)
        {
            return assignments;
        }
        var free = servers.ToDictionary(s => s.Id, s => s.FreeSlots);
        var finish = servers.ToDictionary(s => s.Id, s => s.BacklogSeconds / Math.Max(1, s.Parallel));
        var byId = waiting.ToDictionary(j => j.Id);
        var order = QueueOrder.Take([.. waiting.Select(j => new WaitingJob(j.Id, j.UserId, j.Priority))], runningByUser, waiting.Count);
        foreach (var next in order)
        {
            if (free.Values.All(f => f <= 0))
            {
                break;
            }
            var job = byId[next.Id];
            PlanServer? best = null;
            var bestFinish = double.MaxValue;
            foreach (var server in servers)
            {
                if (job.RequestedServerId is { } wanted && wanted != server.Id || !server.CanRun(job))
                {
                    continue;
                }
                var at = finish[server.Id] + server.Seconds(job.Kind) / Math.Max(1, server.Parallel);
                if (at < bestFinish)
                {
                    (best, bestFinish) = (server, at);
                }
            }
            if (best is null)
            {
                continue;
            }
            // Planned either way, so the jobs behind it see that server's time taken.
            finish[best.Id] = bestFinish;
            if (free[best.Id] > 0)
            {
                free[best.Id]--;
                assignments.Add((job.Id, best.Id));
            }
        }
        return assignments;
    }
}
