using Storyboard.Web.Generation.Queue;

namespace Storyboard.Tests.Generation;

public sealed class QueueOrderTests
{
    [Fact]
    public void Higher_priority_goes_first_then_the_oldest()
    {
        var waiting = new[] { new WaitingJob(1, "a", 0), new WaitingJob(2, "a", 5), new WaitingJob(3, "a", 0) };
        Assert.Equal([2, 1, 3], QueueOrder.Take(waiting, new Dictionary<string, int>(), 3).Select(j => j.Id));
    }

    [Fact]
    public void Users_share_the_servers_instead_of_the_first_one_taking_all()
    {
        // Ann queued a hundred jobs before Bo's two: Bo's do not wait behind all of Ann's.
        var waiting = Enumerable.Range(1, 100).Select(i => new WaitingJob(i, "ann", 0))
            .Concat([new WaitingJob(101, "bo", 0), new WaitingJob(102, "bo", 0)]).ToList();
        Assert.Equal([1, 101, 2, 102, 3], QueueOrder.Take(waiting, new Dictionary<string, int>(), 5).Select(j => j.Id));
    }

    [Fact]
    public void Jobs_already_running_count_against_their_user()
    {
        var waiting = new[] { new WaitingJob(1, "ann", 0), new WaitingJob(2, "bo", 0) };
        Assert.Equal([2, 1], QueueOrder.Take(waiting, new Dictionary<string, int> { ["ann"] = 3 }, 2).Select(j => j.Id));
    }

    [Fact]
    public void Asking_for_more_than_wait_gives_what_there_is()
    {
        Assert.Single(QueueOrder.Take([new WaitingJob(1, null, 0)], new Dictionary<string, int>(), 4));
        Assert.Empty(QueueOrder.Take([], new Dictionary<string, int>(), 4));
    }
}
