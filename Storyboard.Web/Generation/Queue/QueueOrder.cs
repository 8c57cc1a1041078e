namespace Storyboard.Web.Generation.Queue;

/// <summary>A waiting job as the scheduler sees it.</summary>
public sealed record WaitingJob(int Id, string? UserId, int Priority);

/// <summary>
/// Which waiting job goes next: the highest priority first; among equal priorities the user with the fewest jobs
/// running now (counting those just given out), so one user's hundred jobs do not starve another's one; then the
/// oldest. Pure, so the dispatcher and its tests share it.
/// </summary>
public static class QueueOrder
{
    public static IEnumerable<WaitingJob> Take(IReadOnlyList<WaitingJob> waiting, IReadOnlyDictionary<string, int> runningByUser, int count)
    {
        var running = new Dictionary<string, int>(runningByUser);
        var left = waiting.OrderByDescending(j => j.Priority).ThenBy(j => j.Id).ToList();
        for (var taken = 0; taken < count && left.Count > 0; taken++)
        {
            var top = left[0].Priority;
            var next = left.TakeWhile(j => j.Priority == top)
                .OrderBy(j => running.GetValueOrDefault(j.UserId ?? ""))
                .ThenBy(j => j.Id)
                .First();
            left.Remove(next);
            running[next.UserId ?? ""] = running.GetValueOrDefault(next.UserId ?? "") + 1;
            yield return next;
        }
    }
}
