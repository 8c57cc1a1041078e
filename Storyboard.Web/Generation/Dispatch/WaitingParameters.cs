using System.Collections.Concurrent;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Generation.Dispatch;

/// <summary>
/// The parsed parameters of waiting GPU jobs, kept between dispatcher passes: a job's parameters are frozen when it
/// is queued, and a pass runs after every finished job, so each job's JSON is read and parsed once, not at every pass.
/// </summary>
public sealed class WaitingParameters
{
    private readonly ConcurrentDictionary<int, GenerationParameters> _byJob = new();

    public bool TryGet(int jobId, out GenerationParameters parameters) => _byJob.TryGetValue(jobId, out parameters!);

    public void Set(int jobId, GenerationParameters parameters) => _byJob[jobId] = parameters;

    /// <summary>Forgets the jobs that no longer wait.</summary>
    public void KeepOnly(IReadOnlySet<int> waiting)
    {
        foreach (var id in _byJob.Keys.Where(id => !waiting.Contains(id)))
        {
            _byJob.TryRemove(id, out _);
        }
    }
}
