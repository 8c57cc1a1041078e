using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Fakes;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Tests.Generation.Gpu;

/// <summary>Jobs a stopped Storyboard left on a server are reconciled through /history and /queue at the next start; pausing holds jobs back.</summary>
public sealed class ReconcileAndPauseTests
{
    private static GenerationParameters SdxlJob => new() { Model = GpuTestBed.SdxlKey };

    /// <summary>A job row as a Storyboard that stopped after sending it would have left it.</summary>
    private static async Task<int> LeftOnServerAsync(GpuTestBed bed, int serverId, string promptId) =>
        await bed.Factory.QueryAsync(async db =>
        {
            var job = new GenerationJob
            {
                ProjectId = bed.ProjectId, ClipId = bed.ClipId, Kind = OutputKind.Image, Status = JobStatus.Dispatched, ServerId = serverId,
                RemoteId = promptId, Attempts = 1, ParametersJson = (SdxlJob with { Prompt = "a rooftop at night" }).ToJson(), CreatedAt = DateTimeOffset.UtcNow, DispatchedAt = DateTimeOffset.UtcNow,
            };
            db.GenerationJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

    [Fact]
    public async Task A_job_that_finished_while_storyboard_was_stopped_is_collected_from_the_servers_history()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        await using var bed = await GpuTestBed.StartAsync();
        var serverId = await bed.AddComfyAsync(comfy, "Studio");
        var promptId = Guid.NewGuid().ToString();
        using var http = new HttpClient { BaseAddress = comfy.BaseAddress };
        var (status, _) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = FakeComfyUiGraphs.Sdxl(), ["prompt_id"] = promptId, ["client_id"] = "old-instance" });
        Assert.Equal(200, status);
        await comfy.WaitForHistoryAsync(promptId);

        var jobId = await LeftOnServerAsync(bed, serverId, promptId);
        await bed.RestartAsync();
        var job = await bed.WaitAsync(jobId);

        Assert.Equal((JobStatus.Completed, 1), (job.Status, job.Attempts));
        Assert.Single(await bed.GalleryAsync());
        Assert.Null(comfy.History(promptId));
    }

    [Fact]
    public async Task A_job_the_server_never_received_is_queued_again_and_runs_once()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        await using var bed = await GpuTestBed.StartAsync();
        var serverId = await bed.AddComfyAsync(comfy, "Studio");

        var jobId = await LeftOnServerAsync(bed, serverId, Guid.NewGuid().ToString());
        await bed.RestartAsync();
        var job = await bed.WaitAsync(jobId);

        Assert.Equal((JobStatus.Completed, 2), (job.Status, job.Attempts));
        Assert.Single(comfy.PromptsReceived);
        Assert.Single(await bed.GalleryAsync());
    }

    [Fact]
    public async Task A_job_still_running_on_the_server_is_followed_to_its_end()
    {
        await using var comfy = new FakeComfyUi();
        (comfy.Options.StepDelay, comfy.Options.Steps) = (TimeSpan.FromMilliseconds(300), 30);
        await comfy.StartAsync();
        await using var bed = await GpuTestBed.StartAsync();
        var serverId = await bed.AddComfyAsync(comfy, "Studio");
        using var http = new HttpClient { BaseAddress = comfy.BaseAddress };
        var promptId = Guid.NewGuid().ToString();
        await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = FakeComfyUiGraphs.Sdxl(), ["prompt_id"] = promptId });
        await comfy.WaitUntilRunningAsync(promptId);

        var jobId = await LeftOnServerAsync(bed, serverId, promptId);
        await bed.RestartAsync();
        await bed.WaitAsync(jobId, null, JobStatus.Running);
        var job = await bed.WaitAsync(jobId, TimeSpan.FromSeconds(40));

        Assert.Equal((JobStatus.Completed, 1), (job.Status, job.Attempts));
        Assert.Single(comfy.PromptsReceived);
    }

    [Fact]
    public async Task A_paused_queue_or_server_holds_jobs_back_until_resumed()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        await using var bed = await GpuTestBed.StartAsync();
        var serverId = await bed.AddComfyAsync(comfy, "Studio");
        using (var scope = bed.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IQueuePause>().SetPausedAsync(true, default);
        }

        var jobId = (await bed.EnqueueOkAsync(SdxlJob)).Single();
        await Task.Delay(1500);
        Assert.Equal(JobStatus.Queued, (await bed.JobAsync(jobId)).Status);

        using (var scope = bed.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IGpuServerAdmin>().SetPausedAsync(serverId, true, default);
            await scope.ServiceProvider.GetRequiredService<IQueuePause>().SetPausedAsync(false, default);
        }
        await Task.Delay(1500);
        Assert.Equal(JobStatus.Queued, (await bed.JobAsync(jobId)).Status);
        Assert.Empty(comfy.PromptsReceived);

        using (var scope = bed.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IGpuServerAdmin>().SetPausedAsync(serverId, false, default);
        }
        Assert.Equal(JobStatus.Completed, (await bed.WaitAsync(jobId)).Status);
    }
}
