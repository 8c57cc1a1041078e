namespace Storyboard.Web.Generation.Queue;

/// <summary>A waiting job as the scheduler sees it.</summary>
public sealed record WaitingJob(int Id, string? UserId, int Priority);

/// <summary>
/// Which waiting job goes next: the highest priority first; among equal priorities the user with the fewest jobs
/// running now (counting those just given out), so one user's hundred jobs do not starve another's one; then the
/// oldest. Pure, so the dispatcher and its tests share it. Lazy and cheap per job taken (a queue per user), since the
/// dispatcher walks it on every pass.
/// </summary>
public static class QueueOrder
{
    public static IEnumerable<WaitingJob> Take(IReadOnlyList<WaitingJob> waiting, IReadOnlyDictionary<string, int> runningByUser, int count)
    {
        var running = new Dictionary<string, int>(runningByUser);
        var taken = 0;
        foreach (var level in waiting.GroupBy(j => j.Priority).OrderByDescending(g => g.Key))
        {
            // Each user's jobs of this priority, oldest first.
            var queues = level.GroupBy(j => j.UserId ?? "")
                .ToDictionary(g => g.Key, g => new Queue<WaitingJob>(g.OrderBy(j => j.Id)));
            while (queues.Count > 0)
            {
                if (taken++ >= count)
                {
                    yield break;
                }
                string? user = null;
                WaitingJob? head = null;
                foreach (var (name, queue) in queues)
                {
                    var candidate = queue.Peek();
                    if (user is null || running.GetValueOrDefault(name) < running.GetValueOrDefault(user)
                        || running.GetValueOrDefault(name) == running.GetValueOrDefault(user) && candidate.Id < head!.Id)
                    {
                        (user, head) = (name, candidate);
                    }
                }
                var next = queues[user!].Dequeue();
                if (queues[user!].Count == 0)
                {
                    queues.Remove(user!);
                }
                running[user!] = running.GetValueOrDefault(user!) + 1;
                yield return next;
            }
        }
    }
}
