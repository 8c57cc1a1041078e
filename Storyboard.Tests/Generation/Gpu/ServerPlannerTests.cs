using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Dispatch;

namespace Storyboard.Tests.Generation.Gpu;

/// <summary>Which server each waiting job goes to: earliest completion, capacity, eligibility, fairness and priority.</summary>
public sealed class ServerPlannerTests
{
    private static PlanServer Server(int id, int free, double seconds, double backlog = 0, Func<PlanJob, bool>? canRun = null) =>
        new(id, free, backlog, 1, seconds, seconds * 10, canRun ?? (_ => true));

    private static List<PlanJob> Jobs(int count, string user = "u", int priority = 0, int first = 1) =>
        [.. Enumerable.Range(first, count).Select(i => new PlanJob(i, user, priority, OutputKind.Image, null))];

    private static readonly Dictionary<string, int> NoneRunning = [];

    [Fact]
    public void While_many_jobs_wait_every_free_place_of_every_server_is_filled()
    {
        var plan = ServerPlanner.Plan(Jobs(20), NoneRunning, [Server(1, 2, 0.5), Server(2, 2, 2)]);

        Assert.Equal(4, plan.Count);
        Assert.Equal([1, 1, 2, 2], plan.Select(p => p.ServerId).Order());
    }

    [Fact]
    public void The_last_job_goes_to_the_fast_server_even_when_only_the_slow_one_has_room()
    {
        // The fast server finishes its queue and this job (0.5 + 0.5 s) before the slow one could (2 s).
        var plan = ServerPlanner.Plan(Jobs(1), NoneRunning, [Server(1, 0, 0.5, backlog: 0.5), Server(2, 1, 2)]);

        Assert.Empty(plan);
    }

    [Fact]
    public void A_job_goes_to_a_slower_server_when_waiting_for_the_fast_one_would_finish_later()
    {
        var plan = ServerPlanner.Plan(Jobs(1), NoneRunning, [Server(1, 0, 0.5, backlog: 3), Server(2, 1, 2)]);

        Assert.Equal([(1, 2)], plan);
    }

    [Fact]
    public void Work_is_shared_in_proportion_to_speed()
    {
        // Ten jobs, both servers with room for all: the one four times as fast takes about four fifths.
        var plan = ServerPlanner.Plan(Jobs(10), NoneRunning, [Server(1, 10, 0.5), Server(2, 10, 2)]);

        Assert.Equal(8, plan.Count(p => p.ServerId == 1));
        Assert.Equal(2, plan.Count(p => p.ServerId == 2));
    }

    [Fact]
    public void A_job_only_goes_where_it_can_run_and_where_it_was_asked_to()
    {
        var jobs = new List<PlanJob> { new(1, "u", 0, OutputKind.Image, RequestedServerId: 2), new(2, "u", 0, OutputKind.Image, null) };
        var plan = ServerPlanner.Plan(jobs, NoneRunning, [Server(1, 5, 0.5), Server(2, 5, 5, canRun: j => j.Id == 1)]);

        Assert.Equal([(1, 2), (2, 1)], plan);
    }

    [Fact]
    public void Nothing_is_planned_for_a_job_no_server_can_run()
    {
        Assert.Empty(ServerPlanner.Plan(Jobs(3), NoneRunning, [Server(1, 5, 1, canRun: _ => false)]));
    }

    [Fact]
    public void Higher_priority_goes_first_and_equal_priorities_alternate_between_users()
    {
        var jobs = Jobs(4, "alice").Concat(Jobs(2, "bob", first: 10)).Append(new PlanJob(20, "carol", 5, OutputKind.Image, null)).ToList();

        var plan = ServerPlanner.Plan(jobs, NoneRunning, [Server(1, 4, 1)]);

        Assert.Equal([20, 1, 10, 2], plan.Select(p => p.JobId));
    }
}
